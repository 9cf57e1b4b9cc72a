using System;
using System.Globalization;

namespace PodBinding.Shared;

/// <summary>How a quantity was written; Go keeps the format when it canonicalises (apimachinery quantity.go).</summary>
internal enum QuantityFormat
{
    DecimalSI,
    BinarySI,
    DecimalExponent,
}

/// <summary>
/// A Kubernetes resource quantity (<c>250m</c>, <c>1Mi</c>, <c>1e3</c>), enough of apimachinery's <c>Quantity</c> to
/// canonicalise divisors exactly as the API server compares them (docs/kubernetes-rules.md) and to compute the kubelet's values (docs/kubernetes-rules.md).
/// </summary>
/// <remarks>Linked into the generator (netstandard2.0) and the test-support library: one implementation.</remarks>
internal readonly struct Quantity
{
    private Quantity(decimal value, QuantityFormat format, string original)
    {
        Value = value;
        Format = format;
        Original = original;
    }

    /// <summary>The amount in base units (cores, bytes).</summary>
    public decimal Value { get; }

    public QuantityFormat Format { get; }

    /// <summary>The text it was parsed from.</summary>
    public string Original { get; }

    public bool IsZero => Value == 0m;

    public static bool TryParse(string? text, out Quantity quantity, out string error)
    {
        quantity = default;
        error = "";
        if (string.IsNullOrEmpty(text))
        {
            error = "a quantity cannot be empty";
            return false;
        }

        string s = text!;
        int i = 0;
        bool negative = false;
        if (s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            i++;
        }

        int numberStart = i;
        int digits = 0;
        while (i < s.Length && char.IsDigit(s[i]) && s[i] < 128)
        {
            i++;
            digits++;
        }

        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && s[i] >= '0' && s[i] <= '9')
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            error = $"'{s}' does not start with a number";
            return false;
        }

        if (!decimal.TryParse(s.Substring(numberStart, i - numberStart), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal number))
        {
            error = $"'{s}' has too many digits";
            return false;
        }

        string suffix = s.Substring(i);
        decimal multiplier;
        QuantityFormat format;
        if (TryDecimalSuffix(suffix, out int decimalExponent))
        {
            format = QuantityFormat.DecimalSI;
            multiplier = Pow(10m, decimalExponent);
        }
        else if (TryBinarySuffix(suffix, out int binaryExponent))
        {
            format = QuantityFormat.BinarySI;
            multiplier = Pow(1024m, binaryExponent);
        }
        else if (suffix.Length > 1 && suffix[0] is 'e' or 'E' && int.TryParse(suffix.Substring(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int exponent) && exponent is >= -27 and <= 27)
        {
            format = QuantityFormat.DecimalExponent;
            multiplier = Pow(10m, exponent);
        }
        else
        {
            error = $"'{s}' has an unknown suffix '{suffix}' (use m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or an exponent such as e3)";
            return false;
        }

        try
        {
            decimal value = number * multiplier;
            quantity = new Quantity(negative ? -value : value, format, s);
            return true;
        }
        catch (OverflowException)
        {
            error = $"'{s}' is too large";
            return false;
        }
    }

    /// <summary>
    /// The string the API server compares divisors by (<c>Quantity.String()</c>). Go keeps the caller's spelling when
    /// it parses a sign or leading zeros on the fast path, so <c>+1</c> and <c>01</c> stay as written (docs/kubernetes-rules.md).
    /// </summary>
    public string KubernetesString()
    {
        string o = Original;
        bool keepsSpelling = o.Length > 1 && (o[0] == '+' || (o[0] == '0' && o[1] >= '0' && o[1] <= '9'));
        return keepsSpelling ? o : Canonical();
    }

    /// <summary>Go's canonical form: <c>1000m</c> → <c>1</c>, <c>1024Ki</c> → <c>1Mi</c>, <c>0.5Ki</c> → <c>512</c>.</summary>
    public string Canonical()
    {
        if (Value == 0m)
        {
            return "0";
        }

        QuantityFormat format = Format;
        if (format == QuantityFormat.BinarySI && (Math.Abs(Value) < 1024m || decimal.Truncate(Value) != Value))
        {
            format = QuantityFormat.DecimalSI; // Go: small or fractional binary quantities print as decimal
        }

        if (format == QuantityFormat.BinarySI)
        {
            decimal amount = Value;
            int exponent = 0;
            while (exponent < 6 && decimal.Remainder(amount, 1024m) == 0m)
            {
                amount /= 1024m;
                exponent++;
            }

            return Integer(amount) + BinarySuffixes[exponent];
        }

        // Decimal: strip factors of ten into the exponent, then floor the exponent to a multiple of three.
        decimal mantissa = Value;
        int exp = 0;
        while (decimal.Truncate(mantissa) != mantissa)
        {
            mantissa *= 10m;
            exp--;
        }

        while (mantissa != 0m && decimal.Remainder(mantissa, 10m) == 0m)
        {
            mantissa /= 10m;
            exp++;
        }

        int adjust = ((exp % 3) + 3) % 3;
        for (int k = 0; k < adjust; k++)
        {
            mantissa *= 10m;
            exp--;
        }

        if (format == QuantityFormat.DecimalExponent)
        {
            return Integer(mantissa) + (exp == 0 ? "" : "e" + exp.ToString(CultureInfo.InvariantCulture));
        }

        string? si = exp switch
        {
            -9 => "n", -6 => "u", -3 => "m", 0 => "", 3 => "k", 6 => "M", 9 => "G", 12 => "T", 15 => "P", 18 => "E",
            _ => null,
        };
        return Integer(mantissa) + (si ?? "e" + exp.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary><c>Value()</c>: whole units, rounded up.</summary>
    public decimal CeilValue() => Math.Ceiling(Value);

    /// <summary><c>MilliValue()</c>: thousandths, rounded up.</summary>
    public decimal CeilMilliValue() => Math.Ceiling(Value * 1000m);

    public override string ToString() => Original;

    private static readonly string[] BinarySuffixes = { "", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei" };

    private static string Integer(decimal value) => decimal.Truncate(value).ToString("0", CultureInfo.InvariantCulture);

    private static bool TryDecimalSuffix(string suffix, out int exponent)
    {
        exponent = suffix switch
        {
            "n" => -9, "u" => -6, "m" => -3, "" => 0, "k" => 3, "M" => 6, "G" => 9, "T" => 12, "P" => 15, "E" => 18,
            _ => int.MinValue,
        };
        return exponent != int.MinValue;
    }

    private static bool TryBinarySuffix(string suffix, out int exponent)
    {
        exponent = Array.IndexOf(BinarySuffixes, suffix);
        return exponent > 0;
    }

    private static decimal Pow(decimal b, int exponent)
    {
        decimal result = 1m;
        for (int k = 0; k < Math.Abs(exponent); k++)
        {
            result = exponent > 0 ? result * b : result / b;
        }

        return result;
    }
}
