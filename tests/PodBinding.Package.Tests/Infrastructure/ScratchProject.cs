namespace PodBinding.Package.Tests.Infrastructure;

/// <summary>Scratch projects made from the template folders of this test project (Consumer/, InRepo/).</summary>
internal static class ScratchProject
{
    /// <summary>Copies <paramref name="template"/> to <paramref name="target"/>, replacing each token in every file.</summary>
    public static string Create(string template, string target, IReadOnlyDictionary<string, string> tokens)
    {
        string source = Path.Combine(DotNet.ProjectDirectory, template);
        Directory.CreateDirectory(target);
        foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Where(f => !IsBuildOutput(source, f)))
        {
            string text = File.ReadAllText(file);
            foreach ((string token, string value) in tokens)
            {
                text = text.Replace(token, value, StringComparison.Ordinal);
            }

            string destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.WriteAllText(destination, text);
        }

        return target;
    }

    private static bool IsBuildOutput(string root, string file) =>
        Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar)[0] is "bin" or "obj" or "deploy" or "k8s";
}
