using System.Collections.Generic;
using SourceGenSync.Generators.Model;

namespace SourceGenSync.Generators;

public sealed partial class RealmGenerator
{
    internal static partial class Emitter
    {
        private const string Queries = "global::SourceGenSync.Queries.";

        /// <summary>Names of ObjectFields/object members a property may share; its field must hide them explicitly.</summary>
        private static readonly HashSet<string> InheritedFieldMembers =
        [
            "Path", "IsNull", "IsNotNull", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "ReferenceEquals",
        ];

        /// <summary>
        /// The typed query surface: <c>Fields&lt;TRoot&gt;</c> has one field object per stored property and
        /// backlink, addressed by stored name; links return the target's own <c>Fields&lt;TRoot&gt;</c> one path
        /// segment further, so <c>f.Project.Name</c> filters through the link.
        /// </summary>
        private static void WriteQueryFields(SourceWriter writer, ModelClassSpec spec, ModelNames names)
        {
            writer.WriteLine("/// <summary>Typed query fields of this class, reached from a query over <typeparamref name=\"TRoot\"/>.</summary>");
            writer.WriteLine("/// <typeparam name=\"TRoot\">The class the query selects.</typeparam>");
            writer.OpenBlock($"public sealed class Fields<TRoot> : {Queries}ObjectFields<TRoot>");
            var members = new List<(PropertySpec Property, string Type, string Creation)>();
            foreach (var property in spec.Properties)
            {
                if (!property.IsIgnored)
                {
                    var (type, creation) = QueryField(property);
                    members.Add((property, type, creation));
                    writer.WriteLine($"private {type}? {names.Field(property)};");
                }
            }

            if (members.Count > 0)
            {
                writer.WriteLine();
            }

            writer.WriteLine("/// <summary>Fields reached by <paramref name=\"path\"/> (empty at the query's root).</summary>");
            writer.WriteLine("/// <param name=\"path\">The stored names leading from the root to this object.</param>");
            writer.WriteLine($"public Fields({Queries}PropertyPath path)");
            writer.Indentation++;
            writer.WriteLine(": base(path)");
            writer.Indentation--;
            writer.OpenBlock();
            writer.CloseBlock();
            foreach (var (property, type, creation) in members)
            {
                var hides = InheritedFieldMembers.Contains(property.Name) ? "new " : string.Empty;
                writer.WriteLine();
                writer.WriteLine(property.IsBacklink
                    ? $"/// <summary>The backlink <c>{XmlText(property.MappedName)}</c> (objects linking here).</summary>"
                    : $"/// <summary>The stored property <c>{XmlText(property.MappedName)}</c>.</summary>");
                writer.WriteLine($"public {hides}{type} {Identifier(property.Name)} => {names.Field(property)} ??= {string.Format(System.Globalization.CultureInfo.InvariantCulture, creation, $"base.Path.Append({Literal(property.MappedName)})")};");
            }

            writer.CloseBlock();
            writer.WriteLine();
        }

        /// <summary>The field type and its (target-typed) creation, <c>{0}</c> standing for the path.</summary>
        private static (string Type, string Creation) QueryField(PropertySpec property)
        {
            if (property.IsBacklink || (property.Storage == StorageType.Object && property.Collection != CollectionType.None))
            {
                var collection = property.Collection == CollectionType.Dictionary ? "ObjectDictionaryField" : "ObjectCollectionField";
                var targetFields = $"{property.TargetType}.Fields<TRoot>";
                var type = $"{Queries}{collection}<TRoot, {targetFields}>";
                return (type, $"new({{0}}, static p => new {targetFields}(p))");
            }

            if (property.Storage == StorageType.Object)
            {
                return ($"{property.TargetType}.Fields<TRoot>", "new({0})");
            }

            var (elementType, valueType, arguments) = ValueField(property);
            if (property.Collection == CollectionType.None)
            {
                return (elementType, $"new({arguments})");
            }

            var collectionType = property.Collection == CollectionType.Dictionary ? "DictionaryField" : "PrimitiveCollectionField";
            var fullType = $"{Queries}{collectionType}<TRoot, {valueType}, {elementType}>";
            var element = $"new {elementType}({string.Format(System.Globalization.CultureInfo.InvariantCulture, arguments, "p")})";
            return (fullType, $"new({{0}}, static p => {element})");
        }

        /// <summary>
        /// The field class for a single value: its type, the value type its operators take, and its constructor
        /// arguments ({0} = the path). Ordered types get ComparableField; the converter turns a value into a RealmValue argument
        /// (enums as their underlying number, DateTime through ValueConversions).
        /// </summary>
        private static (string FieldType, string ValueType, string Creation) ValueField(PropertySpec property)
        {
            var nullable = property.IsValueTypeNullable ? "?" : string.Empty;
            switch (property.Storage)
            {
                case StorageType.String:
                    var text = property.Index == IndexKind.FullText && property.Collection == CollectionType.None
                        ? $"{Queries}FullTextStringField<TRoot>"
                        : $"{Queries}StringField<TRoot>";
                    return (text, "string?", "{0}");
                case StorageType.Bool:
                    var flag = property.IsValueTypeNullable ? $"{Queries}NullableBoolField<TRoot>" : $"{Queries}BoolField<TRoot>";
                    return (flag, "bool" + nullable, "{0}");
                case StorageType.Data:
                    return Equatable("byte[]?", "static v => v");
                case StorageType.RealmValue:
                    return Equatable("global::SourceGenSync.RealmValue", "static v => v");
                case StorageType.DateTime:
                    return Comparable(property.ValueType + nullable, "static v => global::SourceGenSync.Internal.ValueConversions.FromDateTime(v)");
                case StorageType.Int when property.EnumUnderlyingType is not null && !property.IsCounter:
                    return Comparable(property.ValueType + nullable, $"static v => (long{nullable})v");
                default:
                    return Comparable(property.ValueType + nullable, "static v => v");
            }
        }

        private static (string, string, string) Equatable(string valueType, string converter)
        {
            var type = $"{Queries}EquatableField<TRoot, {valueType}>";
            return (type, valueType, $"{{0}}, {converter}");
        }

        private static (string, string, string) Comparable(string valueType, string converter)
        {
            var type = $"{Queries}ComparableField<TRoot, {valueType}>";
            return (type, valueType, $"{{0}}, {converter}");
        }

        /// <summary>
        /// Extension methods on <c>IQueryable&lt;TModel&gt;</c> taking the typed fields. C# searches extension
        /// methods scope by scope and, at a file's top level, the global namespace before the file's (and global)
        /// using directives, so these are found before System.Linq's Queryable. In the model's own namespace they
        /// would lose elsewhere: with <c>using System.Linq;</c> and <c>using Model.Namespace;</c> side by side,
        /// <c>Where(f =&gt; f.Priority &gt;= 3)</c> is ambiguous (both lambdas bind) and <c>OrderBy(f =&gt; f.X)</c>
        /// binds to Queryable (its lambda return type matches exactly).
        /// </summary>
        private static void WriteQueryExtensions(SourceWriter writer, ModelClassSpec spec)
        {
            // Only top-level objects are queried directly: embedded objects are reached through their parent's
            // fields, asymmetric objects are never read back.
            if (spec.Kind != ModelKind.TopLevel || !CanBeNamedFromOutside(spec))
            {
                return;
            }

            var model = spec.FullyQualifiedName;
            var fields = $"{model}.Fields<{model}>";
            var queryable = $"global::System.Linq.IQueryable<{model}>";
            var ordered = $"global::System.Linq.IOrderedQueryable<{model}>";
            var filter = $"global::System.Func<{fields}, {Queries}QueryFilter<{model}>>";
            var selector = $"global::System.Func<{fields}, {Queries}QueryField<{model}>>";
            var className = FlattenedName(spec) + "QueryExtensions";

            writer.WriteLine();
            writer.WriteLine($"/// <summary>Typed filters and orderings for queries over <see cref=\"{spec.FullyQualifiedName}\"/>.</summary>");
            writer.OpenBlock($"{spec.ExtensionAccessibility} static class {className}");
            writer.WriteLine($"private static readonly {fields} s_fields = new({Queries}PropertyPath.Empty);");
            WriteExtension(writer, $"{queryable} Where(this {queryable} source, {filter} predicate)", "Filters by a condition built from typed fields.", "predicate", "Where(source, predicate(s_fields))");
            WriteExtension(writer, $"{ordered} OrderBy(this {queryable} source, {selector} field)", "Orders ascending by a typed field.", "field", "OrderBy(source, field(s_fields), ascending: true)");
            WriteExtension(writer, $"{ordered} OrderByDescending(this {queryable} source, {selector} field)", "Orders descending by a typed field.", "field", "OrderBy(source, field(s_fields), ascending: false)");
            WriteExtension(writer, $"{ordered} ThenBy(this {ordered} source, {selector} field)", "Adds an ascending ordering by a typed field.", "field", "ThenBy(source, field(s_fields), ascending: true)");
            WriteExtension(writer, $"{ordered} ThenByDescending(this {ordered} source, {selector} field)", "Adds a descending ordering by a typed field.", "field", "ThenBy(source, field(s_fields), ascending: false)");
            writer.CloseBlock();
        }

        private static void WriteExtension(SourceWriter writer, string signature, string summary, string parameter, string call)
        {
            writer.WriteLine();
            writer.WriteLine($"/// <summary>{summary}</summary>");
            writer.WriteLine("/// <param name=\"source\">The query.</param>");
            writer.WriteLine($"/// <param name=\"{parameter}\">Selects from the typed fields.</param>");
            writer.WriteLine("/// <returns>The extended query.</returns>");
            writer.OpenBlock($"public static {signature}");
            writer.WriteLine($"global::System.ArgumentNullException.ThrowIfNull({parameter});");
            writer.WriteLine($"return {Queries}RealmQueryable.{call};");
            writer.CloseBlock();
        }

        /// <summary>
        /// <c>Todo.Outer.Item</c> → <c>Todo_OuterItem</c>: unique in the global namespace as long as model
        /// namespaces are (the namespace is part of it).
        /// </summary>
        internal static string FlattenedName(ModelClassSpec spec)
        {
            var name = spec.Hierarchy.Namespace.Length > 0 ? spec.Hierarchy.Namespace.Replace('.', '_') + "_" : string.Empty;
            foreach (var containing in spec.Hierarchy.ContainingTypes)
            {
                name += containing.Name;
            }

            return (name + spec.ClassName).Replace("@", string.Empty);
        }
    }
}
