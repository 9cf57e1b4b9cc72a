using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace PodBinding.Package.Tests.Infrastructure;

/// <summary>
/// Writes a tiny metadata-only assembly carrying <c>[assembly: AssemblyMetadata(key, value)]</c> attributes, the
/// way the generator's output looks after compilation, without running a compiler. A <c>PodBinding.Table:&lt;type&gt;</c>
/// key becomes what the compiler makes of a generated loader instead: a class implementing
/// <c>PodBinding.IDownwardBinding&lt;T&gt;</c> with the value as its <c>PodBindingTable</c> constant
/// (<see cref="UnboundTablePrefix"/>: the same constant in a class that does not implement it).
/// </summary>
internal static class FixtureAssembly
{
    public const string TablePrefix = "PodBinding.Table:";
    public const string UnboundTablePrefix = "Unbound.Table:";

    public static string Write(string path, params (string Key, string? Value)[] metadata)
    {
        var mb = new MetadataBuilder();
        mb.AddModule(0, mb.GetOrAddString("Fixture.dll"), mb.GetOrAddGuid(Guid.NewGuid()), default, default);
        AssemblyDefinitionHandle assembly = mb.AddAssembly(
            mb.GetOrAddString("Fixture"), new Version(1, 0, 0, 0), default, default, default, AssemblyHashAlgorithm.Sha1);
        AssemblyReferenceHandle runtime = mb.AddAssemblyReference(
            mb.GetOrAddString("System.Runtime"), new Version(8, 0, 0, 0), default, default, default, default);
        TypeReferenceHandle attributeType = mb.AddTypeReference(
            runtime, mb.GetOrAddString("System.Reflection"), mb.GetOrAddString("AssemblyMetadataAttribute"));

        var signature = new BlobBuilder();
        new BlobEncoder(signature).MethodSignature(isInstanceMethod: true).Parameters(
            2,
            returnType => returnType.Void(),
            parameters =>
            {
                parameters.AddParameter().Type().String();
                parameters.AddParameter().Type().String();
            });
        MemberReferenceHandle constructor = mb.AddMemberReference(attributeType, mb.GetOrAddString(".ctor"), mb.GetOrAddBlob(signature));

        mb.AddTypeDefinition(default, default, mb.GetOrAddString("<Module>"), default,
            MetadataTokens.FieldDefinitionHandle(1), MetadataTokens.MethodDefinitionHandle(1));

        AssemblyReferenceHandle podBinding = mb.AddAssemblyReference(
            mb.GetOrAddString("PodBinding"), new Version(1, 0, 0, 0), default, default, default, default);
        TypeReferenceHandle bindingInterface = mb.AddTypeReference(podBinding, mb.GetOrAddString("PodBinding"), mb.GetOrAddString("IDownwardBinding`1"));
        TypeReferenceHandle objectType = mb.AddTypeReference(runtime, mb.GetOrAddString("System"), mb.GetOrAddString("Object"));
        int fields = 0;
        foreach ((string key, string? value) in metadata)
        {
            bool bound = key.StartsWith(TablePrefix, StringComparison.Ordinal);
            if (!bound && !key.StartsWith(UnboundTablePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            string typeName = key[(bound ? TablePrefix : UnboundTablePrefix).Length..];
            int dot = typeName.LastIndexOf('.');
            TypeDefinitionHandle type = mb.AddTypeDefinition(
                TypeAttributes.Public | TypeAttributes.Class,
                dot < 0 ? default : mb.GetOrAddString(typeName[..dot]), mb.GetOrAddString(typeName[(dot + 1)..]), objectType,
                MetadataTokens.FieldDefinitionHandle(fields + 1), MetadataTokens.MethodDefinitionHandle(1));
            var fieldSignature = new BlobBuilder();
            new BlobEncoder(fieldSignature).FieldSignature().String();
            FieldDefinitionHandle field = mb.AddFieldDefinition(
                FieldAttributes.Assembly | FieldAttributes.Static | FieldAttributes.Literal | FieldAttributes.HasDefault,
                mb.GetOrAddString("PodBindingTable"), mb.GetOrAddBlob(fieldSignature));
            fields++;
            mb.AddConstant(field, value);

            if (!bound)
            {
                continue;
            }

            var implemented = new BlobBuilder();
            new BlobEncoder(implemented).TypeSpecificationSignature()
                .GenericInstantiation(bindingInterface, 1, isValueType: false).AddArgument().Type(type, isValueType: false);
            mb.AddInterfaceImplementation(type, mb.AddTypeSpecification(mb.GetOrAddBlob(implemented)));
        }

        foreach ((string key, string? value) in metadata)
        {
            if (key.StartsWith(TablePrefix, StringComparison.Ordinal) || key.StartsWith(UnboundTablePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var blob = new BlobBuilder();
            blob.WriteUInt16(1); // prolog
            blob.WriteSerializedString(key);
            blob.WriteSerializedString(value);
            blob.WriteUInt16(0); // no named arguments
            mb.AddCustomAttribute(assembly, constructor, mb.GetOrAddBlob(blob));
        }

        var peBuilder = new ManagedPEBuilder(PEHeaderBuilder.CreateLibraryHeader(), new MetadataRootBuilder(mb), new BlobBuilder());
        var image = new BlobBuilder();
        peBuilder.Serialize(image);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, image.ToArray());
        return path;
    }
}
