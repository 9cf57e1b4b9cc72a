// Template: a user's program. PackageTests edits the attribute below to check that the YAML follows the code.
using PodBinding;

string volume = Directory.CreateTempSubdirectory("podinfo-").FullName;
try
{
    var environment = new Dictionary<string, string> { ["POD_NAME"] = "orders-7d9f8", ["POD_NAMESPACE"] = "shop" };
    PodInfo info = PodInfo.Load(PodSource.FromDirectory(volume, environment));
    Console.WriteLine($"Loaded: {info.Name}");
}
finally
{
    Directory.Delete(volume, recursive: true);
}

public partial class PodInfo
{
    [PodBinding.FromDownward("metadata.name")] public string Name { get; private set; } = "";
}
