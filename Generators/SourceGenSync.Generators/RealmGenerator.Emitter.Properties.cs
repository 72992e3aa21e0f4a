using SourceGenSync.Generators.Model;

namespace SourceGenSync.Generators;

public sealed partial class RealmGenerator
{
    internal static partial class Emitter
    {
        private const string RaiseChangedFormat =
            "PropertyChanged?.Invoke(this, new global::System.ComponentModel.PropertyChangedEventArgs(nameof({0})));";

        private static string RaiseChanged(PropertySpec property) => string.Format(
            System.Globalization.CultureInfo.InvariantCulture, RaiseChangedFormat, Identifier(property.Name));

        /// <summary>The implementing half of every partial property.</summary>
        private static void WriteProperties(SourceWriter writer, ModelClassSpec spec, ModelNames names)
        {
            foreach (var property in spec.Properties)
            {
                var oblivious = IsDeclaredOblivious(property);
                if (oblivious)
                {
                    // Declared where nullable annotations are off: the implementation must match that context.
                    writer.WriteLine("#nullable disable");
                }

                writer.OpenBlock($"{property.Modifiers} partial {property.DeclaredType} {Identifier(property.Name)}");
                if (property.IsIgnored)
                {
                    WriteIgnoredAccessors(writer, property, names);
                }
                else if (property.IsBacklink)
                {
                    WriteBacklinkGetter(writer, property, names);
                }
                else if (property.Collection != CollectionType.None)
                {
                    WriteCollectionGetter(writer, property, names);
                }
                else
                {
                    WriteScalarGetter(writer, property, names);
                    if (property.HasSetter)
                    {
                        WriteScalarSetter(writer, property, names);
                    }
                }

                writer.CloseBlock();
                if (oblivious)
                {
                    writer.WriteLine("#nullable restore");
                }

                writer.WriteLine();
            }
        }

        private static string SetterKeyword(PropertySpec property) =>
            string.IsNullOrEmpty(property.SetterModifier) ? "set" : property.SetterModifier + " set";

        /// <summary>[Ignored]: a plain field, never stored.</summary>
        private static void WriteIgnoredAccessors(SourceWriter writer, PropertySpec property, ModelNames names)
        {
            writer.WriteLine($"get => {names.Field(property)};");
            if (property.HasSetter)
            {
                writer.WriteLine($"{SetterKeyword(property)} => {names.Field(property)} = value;");
            }
        }

        /// <summary>
        /// Managed objects return the field the store refreshes after each commit, after checking that the
        /// object can still be read; counters come back bound to this object so that Increment() records a delta.
        /// </summary>
        private static void WriteScalarGetter(SourceWriter writer, PropertySpec property, ModelNames names)
        {
            var field = names.Field(property);
            writer.OpenBlock("get");
            writer.WriteLine("_accessor?.EnsureReadable();");
            if (!property.IsCounter)
            {
                writer.WriteLine($"return {field};");
            }
            else if (property.IsValueTypeNullable)
            {
                writer.WriteLine($"return {field}.HasValue ? new global::SourceGenSync.RealmInteger<{property.ValueType}>({field}.Value, this, {names.Ordinal(property)}) : null;");
            }
            else
            {
                writer.WriteLine($"return new global::SourceGenSync.RealmInteger<{property.ValueType}>({field}, this, {names.Ordinal(property)});");
            }

            writer.CloseBlock();
        }

        /// <summary>
        /// Managed: a typed write through the accessor (which checks the write transaction and records the
        /// change), then the field, so the object reads back what was written; the store raises PropertyChanged
        /// after the commit. Unmanaged: assign and raise PropertyChanged once, only for a real change.
        /// </summary>
        private static void WriteScalarSetter(SourceWriter writer, PropertySpec property, ModelNames names)
        {
            var field = names.Field(property);
            var incoming = "value";
            writer.OpenBlock(SetterKeyword(property));
            WriteDateTimePolicy(writer, property);
            if (property.IsCounter)
            {
                // Assigning a counter sets its value (RealmInteger<T> converts to T).
                incoming = names.Local(property) + "Value";
                writer.WriteLine($"{FieldType(property)} {incoming} = value;");
            }

            writer.WriteLine("var accessor = _accessor;");
            writer.OpenBlock("if (accessor is not null)");
            if (WriteStore(writer, property, "accessor", incoming, names))
            {
                writer.WriteLine();
            }

            writer.WriteLine($"{field} = {incoming};");
            writer.CloseBlock();
            writer.OpenBlock($"else if ({HasChanged(property, field, incoming)})");
            writer.WriteLine($"{field} = {incoming};");
            writer.WriteLine(RaiseChanged(property));
            writer.CloseBlock();
            writer.CloseBlock();
        }

        /// <summary>[DateTimeKindPolicy(ConvertToUtc)]: the value is converted once, on the way in, for both kinds of object.</summary>
        private static void WriteDateTimePolicy(SourceWriter writer, PropertySpec property)
        {
            if (property.Storage != StorageType.DateTime || property.DateTimePolicy != DateTimePolicy.ConvertToUtc)
            {
                return;
            }

            const string Convert = "{0}.Kind == global::System.DateTimeKind.Local ? {0}.ToUniversalTime() : global::System.DateTime.SpecifyKind({0}, global::System.DateTimeKind.Utc)";
            if (property.IsNullable)
            {
                writer.OpenBlock("if (value.HasValue)");
                writer.WriteLine("value = " + string.Format(System.Globalization.CultureInfo.InvariantCulture, Convert, "value.Value") + ";");
                writer.CloseBlock();
                writer.WriteLine();
            }
            else
            {
                writer.WriteLine("value = " + string.Format(System.Globalization.CultureInfo.InvariantCulture, Convert, "value") + ";");
            }
        }

        /// <summary>
        /// One typed call on a row writer (the accessor in setters, the store's writer in WriteProperties); null
        /// goes through SetNull so that no value is boxed. Returns true when it wrote an if/else block.
        /// </summary>
        private static bool WriteStore(SourceWriter writer, PropertySpec property, string target, string value, ModelNames names)
        {
            var call = $"{target}.{WriterMethod(property.Storage)}({names.Ordinal(property)}, ";
            if (!WritesNullSeparately(property))
            {
                writer.WriteLine(call + ToStored(property, value) + ");");
                return false;
            }

            var nonNull = property.IsValueTypeNullable ? $"{value}.Value" : value;
            writer.OpenBlock($"if ({value} is null)");
            writer.WriteLine($"{target}.SetNull({names.Ordinal(property)});");
            writer.CloseBlock();
            writer.OpenBlock("else");
            writer.WriteLine(call + ToStored(property, nonNull) + ");");
            writer.CloseBlock();
            return true;
        }

        /// <summary>
        /// Unmanaged: an ordinary, lazily created collection. Managed: the accessor's live collection, cached
        /// (SetManagedAccessor drops the unmanaged one after the store has copied it).
        /// </summary>
        private static void WriteCollectionGetter(SourceWriter writer, PropertySpec property, ModelNames names)
        {
            var field = names.Field(property);
            var element = ElementType(property);
            var (unmanaged, managed) = property.Collection switch
            {
                CollectionType.Set => ($"new global::System.Collections.Generic.HashSet<{element}>()", $"GetSet<{element}>"),
                CollectionType.Dictionary => ($"new global::System.Collections.Generic.Dictionary<string, {element}>(global::System.StringComparer.Ordinal)", $"GetDictionary<{element}>"),
                _ => ($"new global::System.Collections.Generic.List<{element}>()", $"GetList<{element}>"),
            };

            writer.OpenBlock("get");
            writer.WriteLine("var accessor = _accessor;");
            writer.OpenBlock("if (accessor is null)");
            writer.WriteLine($"return {field} ??= {unmanaged};");
            writer.CloseBlock();
            writer.WriteLine();
            writer.WriteLine("accessor.EnsureReadable();");
            writer.WriteLine($"return {field} ??= accessor.{managed}({names.Ordinal(property)});");
            writer.CloseBlock();
        }

        /// <summary>Backlinks are computed by the store; an unmanaged object has none.</summary>
        private static void WriteBacklinkGetter(SourceWriter writer, PropertySpec property, ModelNames names)
        {
            var element = ElementType(property);
            writer.OpenBlock("get");
            writer.WriteLine("var accessor = _accessor;");
            writer.OpenBlock("if (accessor is null)");
            writer.WriteLine($"return global::System.Linq.Queryable.AsQueryable(global::System.Array.Empty<{element}>());");
            writer.CloseBlock();
            writer.WriteLine();
            writer.WriteLine("accessor.EnsureReadable();");
            writer.WriteLine($"return {names.Field(property)} ??= accessor.GetBacklinks<{element}>({names.Ordinal(property)});");
            writer.CloseBlock();
        }
    }
}
