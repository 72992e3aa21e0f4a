using System.Collections.Generic;
using SourceGenSync.Generators.Model;

namespace SourceGenSync.Generators;

public sealed partial class RealmGenerator
{
    internal static partial class Emitter
    {
        /// <summary>
        /// The explicit <c>IGeneratedObject</c> members the store drives: attach, read and write a row, notify.
        /// </summary>
        private static void WriteGeneratedObject(SourceWriter writer, ModelClassSpec spec, ModelNames names)
        {
            writer.WriteLine("global::SourceGenSync.Internal.ObjectAccessor? global::SourceGenSync.Internal.IGeneratedObject.Accessor => _accessor;");
            writer.WriteLine();

            writer.OpenBlock("void global::SourceGenSync.Internal.IGeneratedObject.SetManagedAccessor(global::SourceGenSync.Internal.ObjectAccessor accessor)");
            writer.WriteLine("global::System.ArgumentNullException.ThrowIfNull(accessor);");
            writer.WriteLine("_accessor = accessor;");
            var first = true;
            foreach (var property in spec.Properties)
            {
                if (!property.IsIgnored && (property.Collection != CollectionType.None || property.IsBacklink))
                {
                    if (first)
                    {
                        writer.WriteLine();
                        writer.WriteLine("// The store copied the unmanaged collections in WriteProperties; from now on the getters return its live ones.");
                        first = false;
                    }

                    writer.WriteLine($"{names.Field(property)} = null;");
                }
            }

            writer.CloseBlock();
            writer.WriteLine();

            WriteReadProperties(writer, spec, names);
            WriteWriteProperties(writer, spec, names);

            writer.OpenBlock("void global::SourceGenSync.Internal.IGeneratedObject.RaisePropertyChanged(string propertyName)");
            writer.WriteLine("PropertyChanged?.Invoke(this, new global::System.ComponentModel.PropertyChangedEventArgs(propertyName));");
            writer.CloseBlock();
        }

        private static bool IsStoredScalar(PropertySpec property) =>
            !property.IsIgnored && !property.IsBacklink && property.Collection == CollectionType.None;

        /// <summary>
        /// One typed getter per stored scalar or link. Every field is assigned before any PropertyChanged is
        /// raised, so handlers always observe the whole refreshed object.
        /// </summary>
        private static void WriteReadProperties(SourceWriter writer, ModelClassSpec spec, ModelNames names)
        {
            writer.OpenBlock("void global::SourceGenSync.Internal.IGeneratedObject.ReadProperties(global::SourceGenSync.Internal.IRowReader reader, bool notify)");
            writer.WriteLine("global::System.ArgumentNullException.ThrowIfNull(reader);");
            var changed = new List<PropertySpec>();
            foreach (var property in spec.Properties)
            {
                if (!IsStoredScalar(property))
                {
                    continue;
                }

                var local = names.Local(property);
                var field = names.Field(property);
                var type = FieldType(property);
                var read = FromStored(property, "reader." + ReaderCall(property, names.Ordinal(property)));
                if (WritesNullSeparately(property))
                {
                    read = $"reader.IsNull({names.Ordinal(property)}) ? null : {read}";
                }

                writer.WriteLine();
                writer.WriteLine($"{type} {local}Value = {read};");
                writer.WriteLine($"var {local}Changed = notify && {HasChanged(property, field, local + "Value")};");
                writer.WriteLine($"{field} = {local}Value;");
                changed.Add(property);
            }

            foreach (var property in changed)
            {
                writer.WriteLine();
                writer.OpenBlock($"if ({names.Local(property)}Changed)");
                writer.WriteLine(RaiseChanged(property));
                writer.CloseBlock();
            }

            writer.CloseBlock();
            writer.WriteLine();
        }

        /// <summary>
        /// One typed setter per stored property, collections included, so adding an object copies it without
        /// boxing. Collections go through their getters: unmanaged, that is the local collection.
        /// </summary>
        private static void WriteWriteProperties(SourceWriter writer, ModelClassSpec spec, ModelNames names)
        {
            writer.OpenBlock("void global::SourceGenSync.Internal.IGeneratedObject.WriteProperties(global::SourceGenSync.Internal.IRowWriter writer)");
            writer.WriteLine("global::System.ArgumentNullException.ThrowIfNull(writer);");
            writer.WriteLine("_accessor?.EnsureReadable();");
            var afterBlock = false;
            foreach (var property in spec.Properties)
            {
                if (property.IsIgnored || property.IsBacklink)
                {
                    continue;
                }

                if (afterBlock)
                {
                    writer.WriteLine();
                }

                if (property.Collection == CollectionType.None)
                {
                    afterBlock = WriteStore(writer, property, "writer", names.Field(property), names);
                    continue;
                }

                afterBlock = false;

                var method = property.Collection switch
                {
                    CollectionType.Set => "SetSet",
                    CollectionType.Dictionary => "SetDictionary",
                    _ => "SetList",
                };
                writer.WriteLine($"writer.{method}<{ElementType(property)}>({names.Ordinal(property)}, {Identifier(property.Name)});");
            }

            writer.CloseBlock();
            writer.WriteLine();
        }

        /// <summary>
        /// Increments reach the property through the <c>RealmInteger&lt;T&gt;</c> it returned. Managed: the
        /// accessor records "add delta" (increments from several devices all count). Unmanaged: add and notify.
        /// </summary>
        private static void WriteCounterOwner(SourceWriter writer, ModelClassSpec spec, ModelNames names)
        {
            if (!HasCounters(spec))
            {
                return;
            }

            writer.WriteLine();
            writer.OpenBlock("long global::SourceGenSync.Internal.ICounterOwner.IncrementCounter(int index, long delta)");
            writer.WriteLine("var accessor = _accessor;");
            writer.OpenBlock("if (accessor is not null)");
            writer.WriteLine("accessor.EnsureReadable();");
            writer.WriteLine("accessor.IncrementCounter(index, delta);");
            writer.CloseBlock();
            writer.WriteLine();
            writer.OpenBlock("switch (index)");
            foreach (var property in spec.Properties)
            {
                if (property.IsIgnored || !property.IsCounter)
                {
                    continue;
                }

                var field = names.Field(property);
                var current = property.IsValueTypeNullable ? $"({field} ?? 0)" : field;
                writer.WriteLine($"case {names.Ordinal(property)}:");
                writer.Indentation++;
                writer.WriteLine(property.ValueType == "long"
                    ? $"{field} = {current} + delta;"
                    : $"{field} = ({property.ValueType})({current} + delta);");
                writer.OpenBlock("if (accessor is null && delta != 0)");
                writer.WriteLine(RaiseChanged(property));
                writer.CloseBlock();
                writer.WriteLine();
                writer.WriteLine(property.IsValueTypeNullable ? $"return {field} ?? 0;" : $"return {field};");
                writer.Indentation--;
            }

            writer.WriteLine("default:");
            writer.Indentation++;
            writer.WriteLine($"throw new global::System.ArgumentOutOfRangeException(nameof(index), index, {Literal("Not a counter property of " + spec.ClassName + ".")});");
            writer.Indentation--;
            writer.CloseBlock();
            writer.CloseBlock();
        }
    }
}
