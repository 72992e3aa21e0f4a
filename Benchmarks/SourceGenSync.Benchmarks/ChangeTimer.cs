using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;

namespace SourceGenSync.Benchmarks;

/// <summary>Timing of single changes between devices, shared by the sync scenarios.</summary>
internal static class ChangeTimer
{
    /// <summary>Runs <paramref name="write"/> and returns the milliseconds until <paramref name="target"/> raises PropertyChanged with <paramref name="arrived"/> true.</summary>
    public static async Task<double> MeasureAsync(INotifyPropertyChanged target, Func<bool> arrived, Action write)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        PropertyChangedEventHandler handler = (_, _) =>
        {
            if (arrived())
            {
                seen.TrySetResult();
            }
        };
        target.PropertyChanged += handler;
        try
        {
            var stopwatch = Stopwatch.StartNew();
            write();
            await seen.Task.WaitAsync(SyncBenchDevice.WaitLimit);
            return stopwatch.Elapsed.TotalMilliseconds;
        }
        finally
        {
            target.PropertyChanged -= handler;
        }
    }

    /// <summary>The nearest-rank percentile <paramref name="p"/> (0..1) of <paramref name="values"/>.</summary>
    public static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
