namespace PodBinding.Analyzers.Tests;
