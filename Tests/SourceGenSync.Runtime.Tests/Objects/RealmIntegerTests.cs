using System;
using System.Collections.Generic;
using System.Globalization;
using SourceGenSync.Internal;

namespace SourceGenSync.Runtime.Tests.Objects;

public sealed class RealmIntegerTests
{
    [Fact]
    public void Increment_on_an_unbound_value_throws_InvalidOperationException_that_says_what_to_do()
    {
        RealmInteger<int> counter = 5;

        var error = Assert.Throws<InvalidOperationException>(() => counter.Increment());

        Assert.Contains("not bound", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => counter.Decrement(2));
    }

    [Fact]
    public void Converts_implicitly_to_and_from_its_integer_type()
    {
        RealmInteger<long> counter = 41L;
        long plain = counter;

        Assert.Equal(41L, plain);
        Assert.Equal(41L, counter.Value);
        Assert.Equal(new RealmInteger<long>(41L), counter);
    }

    [Fact]
    public void Compares_and_equates_by_value_only()
    {
        var owner = new RecordingOwner();
        var bound = new RealmInteger<int>(3, owner, 7);
        RealmInteger<int> unbound = 3;

        Assert.Equal(unbound, bound);
        Assert.True(bound == unbound);
        Assert.Equal(unbound.GetHashCode(), bound.GetHashCode());
        Assert.True((RealmInteger<int>)2 < bound);
        Assert.True(bound <= 3);
        Assert.True((RealmInteger<int>)4 > bound);
        Assert.True(bound >= 3);
        Assert.True(bound != 4);
        Assert.Equal(-1, bound.CompareTo(10));
    }

    [Fact]
    public void Formats_with_the_invariant_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            RealmInteger<long> counter = -1234567L;

            Assert.Equal("-1234567", counter.ToString());
            Assert.Equal("-1.234.567", counter.ToString("N0", CultureInfo.CurrentCulture));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Bound_Increment_and_Decrement_send_deltas_to_the_owner_and_return_a_bound_result()
    {
        var owner = new RecordingOwner { Current = 10 };
        var counter = new RealmInteger<short>(10, owner, 4);

        var afterIncrement = counter.Increment(5);
        var afterDecrement = afterIncrement.Decrement();

        Assert.Equal((short)15, afterIncrement.Value);
        Assert.Equal((short)14, afterDecrement.Value);
        Assert.Equal([(4, 5L), (4, -1L)], owner.Calls);
    }

    private sealed class RecordingOwner : ICounterOwner
    {
        public long Current { get; set; }

        public List<(int Index, long Delta)> Calls { get; } = [];

        public long IncrementCounter(int index, long delta)
        {
            Calls.Add((index, delta));
            Current += delta;
            return Current;
        }
    }
}
