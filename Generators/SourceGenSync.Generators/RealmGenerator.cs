using Microsoft.CodeAnalysis;

namespace SourceGenSync.Generators;

/// <summary>
/// Writes the implementing half of every valid model class: property bodies over explicit backing fields,
/// change notification, the static schema, typed row access, typed query fields, and one module initializer
/// per assembly that registers every schema. Invalid classes get nothing: the analyzers report them.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class RealmGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // 1. Parse each class marked [RealmObject], [EmbeddedObject] or [AsymmetricObject] into an equatable
        //    spec, dropping classes the shared validator rejects (no symbols survive this step).
        var realmObjects = ParseModels(context, KnownTypeNames.RealmObjectAttribute, TrackingNames.RealmObjectSpecs, TrackingNames.ValidRealmObjects);
        var embeddedObjects = ParseModels(context, KnownTypeNames.EmbeddedObjectAttribute, TrackingNames.EmbeddedObjectSpecs, TrackingNames.ValidEmbeddedObjects);
        var asymmetricObjects = ParseModels(context, KnownTypeNames.AsymmetricObjectAttribute, TrackingNames.AsymmetricObjectSpecs, TrackingNames.ValidAsymmetricObjects);

        // 2. Emit one file per class; a spec that compares equal to the previous run's is not emitted again.
        context.RegisterSourceOutput(realmObjects, Emitter.AddModelSource);
        context.RegisterSourceOutput(embeddedObjects, Emitter.AddModelSource);
        context.RegisterSourceOutput(asymmetricObjects, Emitter.AddModelSource);

        // 3. Gather every spec of the compilation and reduce it to the sorted list of schemas to register, so
        //    an edit inside one class (a new property) leaves the registration list, and its file, unchanged.
        var allModels = realmObjects.Collect()
            .Combine(embeddedObjects.Collect())
            .Combine(asymmetricObjects.Collect())
            .WithTrackingName(TrackingNames.AllModels);
        var registrations = allModels
            .Select(static (models, _) => GetSchemaRegistrations(models.Left.Left, models.Left.Right, models.Right))
            .WithTrackingName(TrackingNames.SchemaRegistrations);

        // 4. Emit the assembly's single [ModuleInitializer] that registers those schemas.
        context.RegisterSourceOutput(registrations, Emitter.AddModuleInitializerSource);
    }
}
