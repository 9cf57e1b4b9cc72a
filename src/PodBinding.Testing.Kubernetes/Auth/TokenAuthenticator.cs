namespace PodBinding.Testing.Kubernetes.Auth;

/// <summary>
/// Checks bearer tokens against the one valid token: the content of the token file (read on every request, so a
/// kubelet <c>..data</c> swap takes effect at once) or a fixed token. Every distinct token seen
/// gets a generation number (1, 2, …) so the request log can say which one a request carried without holding it.
/// </summary>
internal sealed class TokenAuthenticator
{
    private readonly object _gate = new();
    private readonly string? _tokenFile;
    private readonly List<string> _generations = new();
    private string? _fixedToken;

    public TokenAuthenticator(string? tokenFile, string? fixedToken)
    {
        if ((tokenFile is null) == (fixedToken is null))
        {
            throw new ArgumentException(
                "Give exactly one of TestApiServerOptions.TokenFile (a path the server re-reads) or TestApiServerOptions.Token (a fixed token).");
        }

        _tokenFile = tokenFile is null ? null : Path.GetFullPath(tokenFile);
        if (fixedToken is not null)
        {
            SetFixedToken(fixedToken);
        }
    }

    /// <summary>The generation of the currently valid token (0 when the token file is missing or empty).</summary>
    public int CurrentGeneration
    {
        get
        {
            lock (_gate)
            {
                return Refresh();
            }
        }
    }

    public void SetFixedToken(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        lock (_gate)
        {
            if (_tokenFile is not null)
            {
                throw new InvalidOperationException("This server reads its token from a file; write the file instead.");
            }

            _fixedToken = token.Trim();
            Remember(_fixedToken);
        }
    }

    /// <summary>Classifies the presented token; <paramref name="generation"/> is 0 for a missing or unknown token.</summary>
    public TokenState Check(string? presented, out int generation)
    {
        lock (_gate)
        {
            int current = Refresh();
            if (presented is null)
            {
                generation = 0;
                return TokenState.Missing;
            }

            generation = _generations.LastIndexOf(presented) + 1;
            if (generation == 0)
            {
                return TokenState.Unknown;
            }

            return generation == current ? TokenState.Current : TokenState.Stale;
        }
    }

    private int Refresh()
    {
        if (_tokenFile is null)
        {
            return _generations.LastIndexOf(_fixedToken!) + 1;
        }

        string token;
        try
        {
            token = File.ReadAllText(_tokenFile).Trim();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return 0;
        }
        catch (IOException)
        {
            // Caught mid-swap: the next request reads it again.
            return _generations.Count;
        }

        if (token.Length == 0)
        {
            return 0;
        }

        return Remember(token);
    }

    private int Remember(string token)
    {
        if (_generations.Count > 0 && _generations[^1] == token)
        {
            return _generations.Count;
        }

        // A token that comes back after being replaced counts as a new generation, so "newest only" still holds.
        _generations.Add(token);
        return _generations.Count;
    }
}
