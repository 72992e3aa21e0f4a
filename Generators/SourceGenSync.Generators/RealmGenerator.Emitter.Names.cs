using System.Collections.Generic;
using SourceGenSync.Generators.Model;

namespace SourceGenSync.Generators;

public sealed partial class RealmGenerator
{
    internal static partial class Emitter
    {
        /// <summary>
        /// The names generated code gives each property's backing field, locals and ordinal. Computed once per
        /// class so that properties whose camel-cased names coincide (<c>Title</c> and <c>title</c>) still get
        /// distinct fields.
        /// </summary>
        private sealed class ModelNames
        {
            private readonly Dictionary<string, string> _fields = new();
            private readonly Dictionary<string, int> _ordinals = new();

            public ModelNames(ModelClassSpec spec)
            {
                var used = new HashSet<string> { "_accessor" };
                var ordinal = 0;
                for (var i = 0; i < spec.Properties.Count; i++)
                {
                    var property = spec.Properties[i];
                    var field = "_" + char.ToLowerInvariant(property.Name[0]) + property.Name.Substring(1);
                    if (!used.Add(field))
                    {
                        field = "_" + property.Name + "_" + ToInvariant(i);
                        used.Add(field);
                    }

                    _fields[property.Name] = field;
                    if (!property.IsIgnored)
                    {
                        _ordinals[property.Name] = ordinal++;
                    }
                }
            }

            /// <summary>The backing field, e.g. <c>_title</c>.</summary>
            public string Field(PropertySpec property) => _fields[property.Name];

            /// <summary>A prefix for locals about this property (<c>title</c> → <c>titleValue</c>, <c>titleChanged</c>).</summary>
            public string Local(PropertySpec property) => Field(property).TrimStart('_');

            /// <summary>The position of the property in the schema (ignored properties have none).</summary>
            public int OrdinalValue(PropertySpec property) => _ordinals[property.Name];

            /// <summary>The constant naming the ordinal in generated code.</summary>
            public string Ordinal(PropertySpec property) => "Ordinals." + Identifier(property.Name);
        }
    }
}
