using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace PodBinding.Build;

/// <summary>One file the generator asked for: its relative path (with <c>/</c>) and its whole content.</summary>
internal sealed class Manifest
{
    public Manifest(string relativePath, string content)
    {
        RelativePath = relativePath;
        Content = content;
    }

    public string RelativePath { get; }

    public string Content { get; }
}

/// <summary>
/// Reads what the generator left in a compiled assembly's metadata: the
/// <c>[assembly: AssemblyMetadata("PodBinding.Manifest:&lt;path&gt;", "&lt;content&gt;")]</c> attributes and the bound
/// classes' <c>PodBindingTable</c> constants. Nothing is loaded: the file is parsed with System.Reflection.Metadata.
/// </summary>
internal static class ManifestReader
{
    public const string KeyPrefix = PodBinding.Shared.ManifestContract.KeyPrefix;

    /// <summary>
    /// Every (key, value) of an <c>AssemblyMetadataAttribute</c> that is PodBinding's (a key starting with
    /// <see cref="KeyPrefix"/>, a whole file, or the <c>PodBinding.Volumes</c> list), in metadata order, then each
    /// bound class's table as (<c>PodBinding.Table:&lt;type&gt;</c>, table), in type order.
    /// </summary>
    /// <exception cref="BadImageFormatException">The file is not a .NET assembly or its metadata is malformed.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static List<KeyValuePair<string, string?>> ReadManifestAttributes(string assemblyPath)
    {
        var result = new List<KeyValuePair<string, string?>>();
        using var stream = new FileStream(assemblyPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var peReader = new PEReader(stream);
        if (!peReader.HasMetadata)
        {
            throw new BadImageFormatException("The file has no .NET metadata.");
        }

        MetadataReader reader = peReader.GetMetadataReader();
        if (!reader.IsAssembly)
        {
            throw new BadImageFormatException("The file is a .NET module, not an assembly.");
        }

        foreach (CustomAttributeHandle handle in reader.GetAssemblyDefinition().GetCustomAttributes())
        {
            CustomAttribute attribute = reader.GetCustomAttribute(handle);
            if (!IsAssemblyMetadataAttribute(reader, attribute.Constructor))
            {
                continue;
            }

            BlobReader blob = reader.GetBlobReader(attribute.Value);
            if (blob.Length < 2 || blob.ReadUInt16() != 1)
            {
                throw new BadImageFormatException("An AssemblyMetadata attribute has a malformed value blob.");
            }

            string? key = blob.ReadSerializedString();
            if (key is null || !IsPodBindingKey(key))
            {
                continue;
            }

            string? value = blob.ReadSerializedString();
            result.Add(new KeyValuePair<string, string?>(key, value));
        }

        AddTables(reader, result);
        return result;
    }

    // A table is the string constant PodBindingTable of a type that implements PodBinding.IDownwardBinding<T>: the
    // interface check keeps a user's own constant of that name (in a class PodBinding did not generate) out.
    private static void AddTables(MetadataReader reader, List<KeyValuePair<string, string?>> result)
    {
        foreach (TypeDefinitionHandle typeHandle in reader.TypeDefinitions)
        {
            TypeDefinition type = reader.GetTypeDefinition(typeHandle);
            FieldDefinitionHandle table = default;
            foreach (FieldDefinitionHandle fieldHandle in type.GetFields())
            {
                FieldDefinition field = reader.GetFieldDefinition(fieldHandle);
                if ((field.Attributes & System.Reflection.FieldAttributes.Literal) != 0
                    && reader.StringComparer.Equals(field.Name, PodBinding.Shared.ManifestContract.TableField))
                {
                    table = fieldHandle;
                    break;
                }
            }

            if (table.IsNil || !ImplementsBindingInterface(reader, type))
            {
                continue;
            }

            Constant constant = reader.GetConstant(reader.GetFieldDefinition(table).GetDefaultValue());
            if (constant.TypeCode != ConstantTypeCode.String)
            {
                throw new BadImageFormatException($"{FullName(reader, type)}.{PodBinding.Shared.ManifestContract.TableField} is not a string constant.");
            }

            BlobReader value = reader.GetBlobReader(constant.Value);
            result.Add(new KeyValuePair<string, string?>(
                PodBinding.Shared.ManifestContract.TablePrefix + FullName(reader, type), value.ReadUTF16(value.Length)));
        }
    }

    // The interface appears as a TypeSpec: GENERICINST CLASS <IDownwardBinding`1> 1 <the class> (ECMA-335 II.23.2.14).
    private static bool ImplementsBindingInterface(MetadataReader reader, TypeDefinition type)
    {
        foreach (InterfaceImplementationHandle handle in type.GetInterfaceImplementations())
        {
            EntityHandle implemented = reader.GetInterfaceImplementation(handle).Interface;
            if (implemented.Kind != HandleKind.TypeSpecification)
            {
                continue;
            }

            BlobReader signature = reader.GetBlobReader(reader.GetTypeSpecification((TypeSpecificationHandle)implemented).Signature);
            if (signature.ReadSignatureTypeCode() != SignatureTypeCode.GenericTypeInstance
                || signature.ReadSignatureTypeCode() != SignatureTypeCode.TypeHandle) // CLASS, as SRM reads it
            {
                continue;
            }

            EntityHandle generic = signature.ReadTypeHandle();
            if (generic.Kind == HandleKind.TypeReference)
            {
                TypeReference reference = reader.GetTypeReference((TypeReferenceHandle)generic);
                if (reader.StringComparer.Equals(reference.Name, PodBinding.Shared.ManifestContract.BindingInterface)
                    && reader.StringComparer.Equals(reference.Namespace, PodBinding.Shared.ManifestContract.BindingInterfaceNamespace))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string FullName(MetadataReader reader, TypeDefinition type)
    {
        string name = reader.GetString(type.Name);
        TypeDefinitionHandle declaring = type.GetDeclaringType();
        if (!declaring.IsNil)
        {
            return FullName(reader, reader.GetTypeDefinition(declaring)) + "." + name;
        }

        return type.Namespace.IsNil ? name : reader.GetString(type.Namespace) + "." + name;
    }

    private static bool IsPodBindingKey(string key) =>
        key.StartsWith(KeyPrefix, StringComparison.Ordinal)
        || key == PodBinding.Shared.ManifestContract.VolumesKey;

    private static bool IsAssemblyMetadataAttribute(MetadataReader reader, EntityHandle constructor)
    {
        StringHandle name;
        StringHandle ns;
        BlobHandle signature;
        switch (constructor.Kind)
        {
            case HandleKind.MemberReference:
                MemberReference member = reader.GetMemberReference((MemberReferenceHandle)constructor);
                signature = member.Signature;
                if (member.Parent.Kind == HandleKind.TypeReference)
                {
                    TypeReference type = reader.GetTypeReference((TypeReferenceHandle)member.Parent);
                    name = type.Name;
                    ns = type.Namespace;
                }
                else if (member.Parent.Kind == HandleKind.TypeDefinition)
                {
                    TypeDefinition type = reader.GetTypeDefinition((TypeDefinitionHandle)member.Parent);
                    name = type.Name;
                    ns = type.Namespace;
                }
                else
                {
                    return false;
                }

                break;
            case HandleKind.MethodDefinition:
                // Only when the assembly being read defines System.Reflection.AssemblyMetadataAttribute itself.
                MethodDefinition method = reader.GetMethodDefinition((MethodDefinitionHandle)constructor);
                TypeDefinition declaring = reader.GetTypeDefinition(method.GetDeclaringType());
                name = declaring.Name;
                ns = declaring.Namespace;
                signature = method.Signature;
                break;
            default:
                return false;
        }

        return reader.StringComparer.Equals(name, "AssemblyMetadataAttribute")
            && reader.StringComparer.Equals(ns, "System.Reflection")
            && IsStringStringConstructor(reader.GetBlobReader(signature));
    }

    // Method signature blob: calling convention, parameter count, return type, parameter types (ECMA-335 II.23.2.1).
    private static bool IsStringStringConstructor(BlobReader signature)
    {
        SignatureHeader header = signature.ReadSignatureHeader();
        if (header.Kind != SignatureKind.Method || header.IsGeneric)
        {
            return false;
        }

        return signature.ReadCompressedInteger() == 2
            && signature.ReadSignatureTypeCode() == SignatureTypeCode.Void
            && signature.ReadSignatureTypeCode() == SignatureTypeCode.String
            && signature.ReadSignatureTypeCode() == SignatureTypeCode.String;
    }
}
