// Template: an in-repo program bound through project references.
public partial class OrdersPod
{
    [PodBinding.FromDownward("metadata.name")] public string Name { get; private set; } = "";
}

public static class Program
{
    public static void Main() => System.Console.WriteLine(typeof(OrdersPod).Name);
}
