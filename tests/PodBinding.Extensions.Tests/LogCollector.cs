using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PodBinding.Extensions.Tests;

/// <summary>Records every log entry as a console logger would show it: the message, then the exception if any.</summary>
internal sealed class LogCollector : ILoggerProvider, ILogger
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message, string Text)> _entries = new();

    public IEnumerable<string> Messages => _entries.Select(e => e.Message);

    /// <summary>Each entry: its level, its message, and the message with its exception as a console logger prints it.</summary>
    public IEnumerable<(LogLevel Level, string Message, string Text)> Entries => _entries;

    /// <summary>Everything written, exceptions included, as one text.</summary>
    public string Text => string.Join("\n", _entries.Select(e => e.Text));

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        string message = formatter(state, exception);
        _entries.Enqueue((logLevel, message, exception is null ? message : message + "\n" + exception));
    }

    public void Dispose()
    {
    }
}
