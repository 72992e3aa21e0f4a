using System.Collections.Generic;
using SourceGenSync.Generators.Model;

namespace SourceGenSync.Generators;

public sealed partial class RealmGenerator
{
    internal static partial class Emitter
    {
        private const string PropertyTypeEnum = "global::SourceGenSync.Schema.PropertyType.";

        /// <summary>Named constants for the schema positions, so row access reads <c>Ordinals.Title</c>, not a bare number.</summary>
        private static void WriteOrdinals(SourceWriter writer, ModelClassSpec spec, ModelNames names)
        {
            writer.WriteLine("/// <summary>Positions of the persisted properties in <see cref=\"Schema\"/>: the ordinals of row access.</summary>");
            writer.OpenBlock("private static class Ordinals");
            foreach (var property in spec.Properties)
            {
                if (!property.IsIgnored)
                {
                    writer.WriteLine($"public const int {Identifier(property.Name)} = {ToInvariant(names.OrdinalValue(property))};");
                }
            }

            writer.CloseBlock();
            writer.WriteLine();
        }

        /// <summary>The accessor handle and one explicit backing field per property.</summary>
        private static void WriteFields(SourceWriter writer, ModelClassSpec spec, ModelNames names)
        {
            writer.WriteLine("private global::SourceGenSync.Internal.ObjectAccessor? _accessor;");
            foreach (var property in spec.Properties)
            {
                var initializer = FieldInitializer(property);
                writer.WriteLine(initializer is null
                    ? $"private {FieldType(property)} {names.Field(property)};"
                    : $"private {FieldType(property)} {names.Field(property)} = {initializer};");
            }

            writer.WriteLine();
        }

        /// <summary>The schema and the <c>IRealmObjectBase</c> members users see.</summary>
        private static void WriteObjectMembers(SourceWriter writer, ModelClassSpec spec)
        {
            var kind = spec.Kind switch
            {
                ModelKind.Embedded => "Embedded",
                ModelKind.Asymmetric => "Asymmetric",
                _ => "TopLevel",
            };

            writer.WriteLine("/// <summary>The stored schema of this class, registered by the assembly's module initializer.</summary>");
            writer.WriteLine("public static global::SourceGenSync.Schema.ObjectSchema Schema { get; } = new global::SourceGenSync.Schema.ObjectSchema(");
            writer.Indentation++;
            writer.WriteLine($"{Literal(spec.MappedName)},");
            writer.WriteLine($"global::SourceGenSync.Schema.ObjectSchemaKind.{kind},");
            writer.WriteLine($"typeof({spec.FullyQualifiedName}),");
            writer.WriteLine($"static () => new {spec.FullyQualifiedName}(),");
            writer.WriteLine("[");
            writer.Indentation++;
            foreach (var property in spec.Properties)
            {
                if (!property.IsIgnored)
                {
                    writer.WriteLine(SchemaProperty(property) + ",");
                }
            }

            writer.Indentation--;
            writer.WriteLine("]);");
            writer.Indentation--;
            writer.WriteLine();

            writer.WriteLines("""
                /// <inheritdoc cref="global::SourceGenSync.IRealmObjectBase.ObjectSchema"/>
                public global::SourceGenSync.Schema.ObjectSchema ObjectSchema => Schema;

                /// <inheritdoc cref="global::SourceGenSync.IRealmObjectBase.IsManaged"/>
                public bool IsManaged => _accessor is not null;

                /// <inheritdoc cref="global::SourceGenSync.IRealmObjectBase.IsValid"/>
                public bool IsValid => _accessor?.IsValid ?? true;

                /// <inheritdoc cref="global::System.ComponentModel.INotifyPropertyChanged.PropertyChanged"/>
                public event global::System.ComponentModel.PropertyChangedEventHandler? PropertyChanged;

                """);
        }

        /// <summary>One <c>new Property(...) { ... }</c> entry; only non-default metadata is spelled out.</summary>
        private static string SchemaProperty(PropertySpec property)
        {
            var init = new List<string>();
            if (property.MappedName != property.Name)
            {
                init.Add($"MappedName = {Literal(property.MappedName)}");
            }

            if (property.Collection != CollectionType.None)
            {
                init.Add($"Collection = global::SourceGenSync.Schema.CollectionKind.{property.Collection}");
            }

            if (property.IsNullable)
            {
                init.Add("IsNullable = true");
            }

            if (property.IsPrimaryKey)
            {
                init.Add("IsPrimaryKey = true");
            }

            if (property.Index != IndexKind.None)
            {
                init.Add($"IndexType = global::SourceGenSync.IndexType.{property.Index}");
            }

            if (property.TargetMappedName is not null)
            {
                init.Add($"ObjectType = {Literal(property.TargetMappedName)}");
            }

            if (property.IsBacklink && property.BacklinkOriginProperty is not null)
            {
                init.Add($"LinkOriginProperty = {Literal(property.BacklinkOriginProperty)}");
            }

            if (property.IsCounter)
            {
                init.Add("IsCounter = true");
            }

            if (property.EnumUnderlyingType is not null && !property.IsCounter)
            {
                init.Add($"EnumType = {Literal(property.ValueType.Replace("global::", string.Empty))}");
            }

            if (property.Storage == StorageType.DateTime)
            {
                init.Add($"DateTimeKindPolicy = global::SourceGenSync.DateTimeKindPolicy.{property.DateTimePolicy}");
            }

            var creation = $"new global::SourceGenSync.Schema.Property({Literal(property.Name)}, {PropertyTypeEnum}{property.Storage})";
            return init.Count == 0 ? creation : $"{creation} {{ {string.Join(", ", init)} }}";
        }
    }
}
