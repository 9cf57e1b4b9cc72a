using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace PodBinding.Package.Tests.Infrastructure;

/// <summary>
/// Writes a tiny metadata-only assembly carrying <c>[assembly: AssemblyMetadata(key, value)]</c> attributes, the
/// way the generator's output looks after compilation, without running a compiler.
/// </summary>
internal static class FixtureAssembly
{
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

        foreach ((string key, string? value) in metadata)
        {
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
