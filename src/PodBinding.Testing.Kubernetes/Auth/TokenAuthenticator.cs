namespace PodBinding.Testing.Kubernetes.Auth;

/// <summary>
/// Checks bearer tokens against the one valid token: the content of the token file (read on every request, so a
/// kubelet <c>..data</c> swap takes effect at once) or a fixed token. Every distinct token seen
/// gets a generation number (1, 2, …) so the request log can say which one a request carried without holding it.
/// </summary>
internal sealed class TokenAuthenticator
{
    private const int ReadAttempts = 5;
    private readonly object _gate = new();
    private readonly string? _tokenFile;
    private readonly Func<string, string> _readFile;
    private readonly List<string> _generations = new();
    private string? _fixedToken;

    public TokenAuthenticator(string? tokenFile, string? fixedToken, Func<string, string>? readFile = null)
    {
        _readFile = readFile ?? File.ReadAllText;
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

        string? token = ReadTokenFile(_tokenFile);
        if (token is null)
        {
            return 0;
        }

        if (token.Length == 0)
        {
            return 0;
        }

        return Remember(token);
    }

    /// <summary>
    /// The token file's content, or null when it is missing. A read can land in the kubelet's swap: the path resolved
    /// <c>..data</c> to the previous generation just before that directory was removed (the writer removes it last,
    /// docs/kubernetes-rules.md, "Volume layout"), so the lookup fails although a complete new generation is already in place.
    /// Resolving the path again finds it; only a file that stays missing counts as missing. Answering 401 (or 500)
    /// for the server's own race would blame the client's token.
    /// </summary>
    private string? ReadTokenFile(string path)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return _readFile(path).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException && attempt < ReadAttempts)
            {
                Thread.Yield();
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                return null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Still unreadable: keep the newest token known rather than reject every client.
                return _generations.Count > 0 ? _generations[^1] : null;
            }
        }
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
