using System;
using System.Diagnostics;
using Spectre.Console;

namespace SyncDemo;

/// <summary>The demo's console output: one rule per step, short notes, tables; all through Spectre.Console.</summary>
internal static class Ui
{
    private static readonly Stopwatch s_clock = Stopwatch.StartNew();

    /// <summary>Time since the demo started (one clock for notes and recorded events).</summary>
    public static TimeSpan Now => s_clock.Elapsed;

    /// <summary>Seconds since the demo started, shown in front of every note.</summary>
    public static string Elapsed => $"{s_clock.Elapsed.TotalSeconds,5:0.0}s";

    /// <summary>
    /// Plain text when the output is redirected (a log file, CI): no colour codes, no live redraws. Progress bars
    /// then render only their final state; the tables after them carry the numbers.
    /// </summary>
    public static void Configure()
    {
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
            });
        }
    }

    public static void Step(int number, string title)
    {
        AnsiConsole.WriteLine();
        AnsiConsole.Write(new Rule($"[bold yellow]{number}. {Markup.Escape(title)}[/]").LeftJustified());
    }

    public static void Note(string text) => AnsiConsole.MarkupLine($"[grey]{Elapsed}[/] {Markup.Escape(text)}");

    public static void Good(string text) => AnsiConsole.MarkupLine($"[grey]{Elapsed}[/] [green]✓[/] {Markup.Escape(text)}");

    public static Table NewTable(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn($"[bold]{Markup.Escape(column)}[/]"));
        }

        return table;
    }

    public static void Row(Table table, params object?[] cells)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.AddRow(Array.ConvertAll(cells, c => Markup.Escape(c?.ToString() ?? string.Empty)));
    }

    public static void Show(Table table) => AnsiConsole.Write(table);
}
