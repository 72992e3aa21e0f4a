using System.Collections.Generic;
using SourceGenSync.Changesets;

namespace SourceGenSync.Merge.Internal;

/// <summary>
/// Index transformation for two concurrent edits of the same list. Inserts at the same index are ordered by stamp,
/// the lower stamp first (concurrent appends end up in time order); an erase beats a set of the same element; two
/// erases of the same element both vanish; two sets of the same element: last writer wins.
/// </summary>
internal static class ListRules
{
    public static (List<Instruction>, List<Instruction>) Transform(Instruction a, Instruction b, bool lowerFirst, bool leftWins)
    {
        switch (a, b)
        {
            case (ListInsert x, ListInsert y):
                return x.Index < y.Index || (x.Index == y.Index && lowerFirst)
                    ? ([x], [y with { Index = y.Index + 1 }])
                    : ([x with { Index = x.Index + 1 }], [y]);
            case (ListInsert x, ListErase y):
                return x.Index <= y.Index ? ([x], [y with { Index = y.Index + 1 }]) : ([x with { Index = x.Index - 1 }], [y]);
            case (ListErase x, ListInsert y):
                return y.Index <= x.Index ? ([x with { Index = x.Index + 1 }], [y]) : ([x], [y with { Index = y.Index - 1 }]);
            case (ListInsert x, ListSet y):
                return ([x], [x.Index <= y.Index ? y with { Index = y.Index + 1 } : y]);
            case (ListSet x, ListInsert y):
                return ([y.Index <= x.Index ? x with { Index = x.Index + 1 } : x], [y]);
            case (ListErase x, ListErase y):
                if (x.Index == y.Index)
                {
                    return ([], []);
                }

                return x.Index < y.Index ? ([x], [y with { Index = y.Index - 1 }]) : ([x with { Index = x.Index - 1 }], [y]);
            case (ListErase x, ListSet y):
                if (x.Index == y.Index)
                {
                    return ([x], []);
                }

                return ([x], [x.Index < y.Index ? y with { Index = y.Index - 1 } : y]);
            case (ListSet x, ListErase y):
                if (x.Index == y.Index)
                {
                    return ([], [y]);
                }

                return ([y.Index < x.Index ? x with { Index = x.Index - 1 } : x], [y]);
            case (ListSet x, ListSet y) when x.Index == y.Index:
                return leftWins ? ([x], []) : ([], [y]);
            default:
                return ([a], [b]);
        }
    }
}
