using System;
using System.ComponentModel;
using System.Linq;
using SourceGenSync.Internal;
using SourceGenSync.Schema;

namespace SourceGenSync.Runtime.Tests.Schemas;

public sealed class SchemaRegistryTests
{
    [Fact]
    public void Get_of_an_unregistered_type_throws_and_says_how_to_register_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SchemaRegistry.Get<HandWrittenObject>());

        Assert.Contains(typeof(HandWrittenObject).FullName!, error.Message, StringComparison.Ordinal);
        Assert.Contains("[RealmObject]", error.Message, StringComparison.Ordinal);
        Assert.False(SchemaRegistry.TryGet(typeof(HandWrittenObject), out _));
    }

    [Fact]
    public void Registering_a_type_twice_keeps_the_first_schema()
    {
        var first = new ObjectSchema("RegistryTwice", ObjectSchemaKind.TopLevel, typeof(RegisteredTwiceMarker), () => new HandWrittenObject(), []);
        var second = new ObjectSchema("RegistryTwice2", ObjectSchemaKind.Embedded, typeof(RegisteredTwiceMarker), () => new HandWrittenObject(), []);

        SchemaRegistry.Register(first);
        SchemaRegistry.Register(second);

        Assert.True(SchemaRegistry.TryGet(typeof(RegisteredTwiceMarker), out var found));
        Assert.Same(first, found);
        Assert.Contains(first, SchemaRegistry.All);
        Assert.DoesNotContain(second, SchemaRegistry.All);
    }

    [Fact]
    public void All_is_ordered_by_stored_class_name()
    {
        var names = SchemaRegistry.All.Select(static s => s.Name).ToArray();

        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }

    private sealed class RegisteredTwiceMarker;

    // Implements the interfaces by hand, without [RealmObject]: the generator ignores it and nothing registers it.
    private sealed class HandWrittenObject : IRealmObjectBase
    {
        public event PropertyChangedEventHandler? PropertyChanged;

        public ObjectSchema ObjectSchema => throw new NotSupportedException();

        public bool IsManaged => false;

        public bool IsValid => true;

        public ObjectAccessor? Accessor => null;

        public void SetManagedAccessor(ObjectAccessor accessor) => throw new NotSupportedException();

        public void ReadProperties(IRowReader reader, bool raiseChanged) => throw new NotSupportedException();

        public void WriteProperties(IRowWriter writer) => throw new NotSupportedException();

        public void RaisePropertyChanged(string propertyName) => PropertyChanged?.Invoke(this, new(propertyName));
    }
}
