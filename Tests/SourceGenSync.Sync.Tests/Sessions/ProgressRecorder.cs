using System;
using System.Collections.Generic;
using System.Linq;

namespace SourceGenSync.Sync.Tests.Sessions;

/// <summary>Collects progress reports (thread-safe) and checks what every registration promises.</summary>
internal sealed class ProgressRecorder : IObserver<SyncProgress>
{
    private readonly List<SyncProgress> _reports = [];

    public bool Completed { get; private set; }

    public SyncProgress[] Reports
    {
        get
        {
            lock (_reports)
            {
                return [.. _reports];
            }
        }
    }

    public SyncProgress? Last => Reports.Length == 0 ? null : Reports[^1];

    public void Record(SyncProgress progress)
    {
        lock (_reports)
        {
            _reports.Add(progress);
        }
    }

    /// <summary>Transferred and transferable never go down; transferred never exceeds transferable; the estimate is 0..1.</summary>
    public void AssertMonotonic()
    {
        var reports = Reports;
        for (var i = 0; i < reports.Length; i++)
        {
            Assert.True(reports[i].TransferredBytes <= reports[i].TransferableBytes, $"report {i}: {reports[i]}");
            Assert.InRange(reports[i].ProgressEstimate, 0.0, 1.0);
            if (i > 0)
            {
                Assert.True(reports[i].TransferredBytes >= reports[i - 1].TransferredBytes, $"transferred went down at {i}: {string.Join(", ", reports.Select(r => r.ToString()))}");
                Assert.True(reports[i].TransferableBytes >= reports[i - 1].TransferableBytes, $"transferable went down at {i}: {string.Join(", ", reports.Select(r => r.ToString()))}");
            }
        }
    }

    public void OnCompleted() => Completed = true;

    public void OnError(Exception error) => throw error;

    public void OnNext(SyncProgress value) => Record(value);
}
