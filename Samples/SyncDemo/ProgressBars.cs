using System;
using System.Globalization;
using Spectre.Console;

namespace SyncDemo;

/// <summary>A progress display fed by a session's progress notifier (from the session's thread).</summary>
internal interface IProgressBar
{
    void Report(ulong transferred, ulong transferable);

    void Complete();
}

/// <summary>A live Spectre.Console bar (interactive terminal).</summary>
internal sealed class LiveBar(ProgressTask task) : IProgressBar
{
    // ProgressTask is thread-safe: the notifier may call from any thread.
    public void Report(ulong transferred, ulong transferable)
    {
        task.MaxValue = Math.Max(1, transferable);
        task.Value = transferred;
    }

    public void Complete() => task.Value = task.MaxValue;
}

/// <summary>
/// Redirected output has no live redraw: one line per quarter reached, so a log still shows the progression.
/// </summary>
internal sealed class TextBar(string name) : IProgressBar
{
    private readonly object _gate = new();
    private int _printedQuarter = -1;
    private ulong _transferred;
    private ulong _transferable;

    public void Report(ulong transferred, ulong transferable)
    {
        if (transferable == 0)
        {
            return; // nothing known to transfer yet
        }

        lock (_gate)
        {
            (_transferred, _transferable) = (transferred, transferable);
            var quarter = (int)Math.Min(4, transferred * 4 / transferable);
            if (quarter > _printedQuarter)
            {
                _printedQuarter = quarter;
                Print();
            }
        }
    }

    public void Complete()
    {
        lock (_gate)
        {
            if (_printedQuarter < 4)
            {
                _printedQuarter = 4;
                _transferred = Math.Max(_transferred, _transferable);
                Print();
            }
        }
    }

    private void Print()
    {
        var percent = _transferable == 0 ? 100 : _transferred * 100 / _transferable;
        Ui.Note(string.Create(CultureInfo.InvariantCulture, $"{name}: {percent,3}% ({_transferred:N0} of {_transferable:N0} bytes)"));
    }
}
