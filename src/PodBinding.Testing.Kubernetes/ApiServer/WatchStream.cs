using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace PodBinding.Testing.Kubernetes.ApiServer;

/// <summary>
/// Serves one watch as the API server does: 200 with a chunked body of newline-delimited
/// <c>{"type":…,"object":…}</c> events, flushed one by one; BOOKMARK events when <c>allowWatchBookmarks=true</c>; an
/// ERROR event with a 410 Expired status (still HTTP 200) when the resource version is compacted; the stream ends after
/// <c>timeoutSeconds</c>.
/// </summary>
internal static class WatchStream
{
    public static async Task<int> RunAsync(
        HttpContext context, ObjectStore store, WatchSubscription watch, TestApiServerOptions options, CancellationToken ct)
    {
        IQueryCollection query = context.Request.Query;
        long? from = null;
        string rv = query["resourceVersion"].ToString();
        if (rv.Length > 0)
        {
            if (!long.TryParse(rv, NumberStyles.None, CultureInfo.InvariantCulture, out long parsed))
            {
                return await TestApiServer.WriteAsync(context, Statuses.Failure(400, "BadRequest", $"invalid resource version: {rv}"), 400).ConfigureAwait(false);
            }

            from = parsed;
        }

        TimeSpan timeout = options.DefaultWatchTimeout;
        string timeoutText = query["timeoutSeconds"].ToString();
        if (timeoutText.Length > 0 && long.TryParse(timeoutText, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds))
        {
            timeout = TimeSpan.FromSeconds(seconds);
        }

        bool bookmarks = RequestInfo.ParseBool(query["allowWatchBookmarks"].ToString());
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        if (store.Watch(watch, from, out string? expired) is null)
        {
            await WriteLineAsync(context, new WatchEventLine(WatchEventLine.Error, StatusJson.Serialize(Statuses.Expired(expired!))), ct).ConfigureAwait(false);
            return 200;
        }

        using var ends = CancellationTokenSource.CreateLinkedTokenSource(ct, watch.Closed);
        ends.CancelAfter(timeout);
        try
        {
            await context.Response.StartAsync(ct).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(ct).ConfigureAwait(false);
            using var bookmarkTimer = bookmarks ? new Timer(_ => store.Bookmark(watch), null, options.BookmarkInterval, options.BookmarkInterval) : null;
            while (!ends.IsCancellationRequested)
            {
                WatchEventLine line = await watch.Events.Reader.ReadAsync(ends.Token).ConfigureAwait(false);
                if (watch.Stalled)
                {
                    // A dead connection: keep it open, send nothing, until the client gives up.
                    await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
                }

                await WriteLineAsync(context, line, ends.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // timeoutSeconds passed or a test closed the watch: end the response cleanly.
        }
        finally
        {
            store.Unwatch(watch);
        }

        return 200;
    }

    private static async Task WriteLineAsync(HttpContext context, WatchEventLine line, CancellationToken ct)
    {
        var text = new StringBuilder(line.ObjectJson.Length + 32);
        text.Append("{\"type\":\"").Append(line.Type).Append("\",\"object\":").Append(line.ObjectJson).Append("}\n");
        await context.Response.WriteAsync(text.ToString(), Encoding.UTF8, ct).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(ct).ConfigureAwait(false);
    }
}
