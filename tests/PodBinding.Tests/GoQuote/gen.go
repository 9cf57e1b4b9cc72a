// Prints reference vectors for PodBinding's GoQuote: one line per input, the input bytes in hex, a TAB, and Go's
// strconv.Quote of those bytes. Run through generate-vectors.sh; the output is committed as vectors.txt.
//
// Standard library only, deterministic (fixed seed), so re-running with the same Go version gives the same file.
package main

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"math/rand"
	"os"
	"strconv"
	"unicode/utf8"
)

// newerThanGo119 lists the code points that Go 1.19's tables (Unicode 13.0) treat as unassigned, and so escape, but
// .NET 10's tables (Unicode 14.0-16.0) assign to a printable category, so PodBinding writes them raw (strconv.IsPrint:
// the kubelet's output depends on the Unicode version of the Go that built it). Vectors never contain them, because
// the expected output would describe Go 1.19 rather than PodBinding's documented behaviour.
//
// Derived by comparing strconv.IsPrint with PodBinding's rule (Rune.GetUnicodeCategory in L, M, N, P, S, or U+0020)
// for every code point 0..10FFFF on .NET 10.0.12: these 140 ranges (11130 code points) are the only differences, and
// all of them are "Go: not printable, .NET: printable". No code point differs the other way.
var newerThanGo119 = [][2]rune{
	{0x61D, 0x61D}, {0x870, 0x88E}, {0x897, 0x89F}, {0x8B5, 0x8B5},
	{0x8C8, 0x8D2}, {0xC3C, 0xC3C}, {0xC5D, 0xC5D}, {0xCDD, 0xCDD},
	{0xCF3, 0xCF3}, {0xECE, 0xECE}, {0x170D, 0x170D}, {0x1715, 0x1715},
	{0x171F, 0x171F}, {0x180F, 0x180F}, {0x1AC1, 0x1ACE}, {0x1B4C, 0x1B4C},
	{0x1B4E, 0x1B4F}, {0x1B7D, 0x1B7F}, {0x1C89, 0x1C8A}, {0x1DFA, 0x1DFA},
	{0x20C0, 0x20C0}, {0x2427, 0x2429}, {0x2C2F, 0x2C2F}, {0x2C5F, 0x2C5F},
	{0x2E53, 0x2E5D}, {0x2FFC, 0x2FFF}, {0x31E4, 0x31E5}, {0x31EF, 0x31EF},
	{0x9FFD, 0x9FFF}, {0xA7C0, 0xA7C1}, {0xA7CB, 0xA7CD}, {0xA7D0, 0xA7D1},
	{0xA7D3, 0xA7D3}, {0xA7D5, 0xA7DC}, {0xA7F2, 0xA7F4}, {0xFBC2, 0xFBC2},
	{0xFD40, 0xFD4F}, {0xFDCF, 0xFDCF}, {0xFDFE, 0xFDFF}, {0x10570, 0x1057A},
	{0x1057C, 0x1058A}, {0x1058C, 0x10592}, {0x10594, 0x10595}, {0x10597, 0x105A1},
	{0x105A3, 0x105B1}, {0x105B3, 0x105B9}, {0x105BB, 0x105BC}, {0x105C0, 0x105F3},
	{0x10780, 0x10785}, {0x10787, 0x107B0}, {0x107B2, 0x107BA}, {0x10D40, 0x10D65},
	{0x10D69, 0x10D85}, {0x10D8E, 0x10D8F}, {0x10EC2, 0x10EC4}, {0x10EFC, 0x10EFF},
	{0x10F70, 0x10F89}, {0x11070, 0x11075}, {0x110C2, 0x110C2}, {0x1123F, 0x11241},
	{0x11380, 0x11389}, {0x1138B, 0x1138B}, {0x1138E, 0x1138E}, {0x11390, 0x113B5},
	{0x113B7, 0x113C0}, {0x113C2, 0x113C2}, {0x113C5, 0x113C5}, {0x113C7, 0x113CA},
	{0x113CC, 0x113D5}, {0x113D7, 0x113D8}, {0x113E1, 0x113E2}, {0x116B9, 0x116B9},
	{0x116D0, 0x116E3}, {0x11740, 0x11746}, {0x11AB0, 0x11ABF}, {0x11B00, 0x11B09},
	{0x11BC0, 0x11BE1}, {0x11BF0, 0x11BF9}, {0x11F00, 0x11F10}, {0x11F12, 0x11F3A},
	{0x11F3E, 0x11F5A}, {0x12F90, 0x12FF2}, {0x1342F, 0x1342F}, {0x13440, 0x13455},
	{0x13460, 0x143FA}, {0x16100, 0x16139}, {0x16A70, 0x16ABE}, {0x16AC0, 0x16AC9},
	{0x16D40, 0x16D79}, {0x18CFF, 0x18CFF}, {0x1AFF0, 0x1AFF3}, {0x1AFF5, 0x1AFFB},
	{0x1AFFD, 0x1AFFE}, {0x1B11F, 0x1B122}, {0x1B132, 0x1B132}, {0x1B155, 0x1B155},
	{0x1CC00, 0x1CCF9}, {0x1CD00, 0x1CEB3}, {0x1CF00, 0x1CF2D}, {0x1CF30, 0x1CF46},
	{0x1CF50, 0x1CFC3}, {0x1D1E9, 0x1D1EA}, {0x1D2C0, 0x1D2D3}, {0x1DF00, 0x1DF1E},
	{0x1DF25, 0x1DF2A}, {0x1E030, 0x1E06D}, {0x1E08F, 0x1E08F}, {0x1E290, 0x1E2AE},
	{0x1E4D0, 0x1E4F9}, {0x1E5D0, 0x1E5FA}, {0x1E5FF, 0x1E5FF}, {0x1E7E0, 0x1E7E6},
	{0x1E7E8, 0x1E7EB}, {0x1E7ED, 0x1E7EE}, {0x1E7F0, 0x1E7FE}, {0x1F6DC, 0x1F6DF},
	{0x1F774, 0x1F776}, {0x1F77B, 0x1F77F}, {0x1F7D9, 0x1F7D9}, {0x1F7F0, 0x1F7F0},
	{0x1F8B2, 0x1F8BB}, {0x1F8C0, 0x1F8C1}, {0x1F979, 0x1F979}, {0x1F9CC, 0x1F9CC},
	{0x1FA75, 0x1FA77}, {0x1FA7B, 0x1FA7C}, {0x1FA87, 0x1FA89}, {0x1FA8F, 0x1FA8F},
	{0x1FAA9, 0x1FAAF}, {0x1FAB7, 0x1FABF}, {0x1FAC3, 0x1FAC6}, {0x1FACE, 0x1FACF},
	{0x1FAD7, 0x1FADC}, {0x1FADF, 0x1FAE9}, {0x1FAF0, 0x1FAF8}, {0x1FBCB, 0x1FBEF},
	{0x2A6DE, 0x2A6DF}, {0x2B735, 0x2B739}, {0x2EBF0, 0x2EE5D}, {0x31350, 0x323AF}}

func excluded(r rune) bool {
	for _, rg := range newerThanGo119 {
		if r >= rg[0] && r <= rg[1] {
			return true
		}
	}
	return false
}

// containsExcluded decodes b as Go does and reports whether any decoded code point is excluded. Applied to every
// vector, so that invalid bytes placed next to valid ones cannot form an excluded code point by accident.
func containsExcluded(b []byte) bool {
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if !(r == utf8.RuneError && size == 1) && excluded(r) {
			return true
		}
		b = b[size:]
	}
	return false
}

var out = bufio.NewWriter(os.Stdout)
var count int

func emit(b []byte) {
	if containsExcluded(b) {
		panic(fmt.Sprintf("vector %x contains a code point newer than Go 1.19's Unicode tables", b))
	}
	fmt.Fprintf(out, "%s\t%s\n", hex.EncodeToString(b), strconv.Quote(string(b)))
	count++
}

func emitString(s string) { emit([]byte(s)) }

func runes(rs ...rune) string {
	b := []byte{}
	for _, r := range rs {
		b = utf8.AppendRune(b, r)
	}
	return string(b)
}

// Samples of each non-printable kind and of printable text that must stay raw (strconv/quote.go, appendEscapedRune and IsPrint).
var spaceSeparators = []rune{0x00A0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x202F, 0x205F, 0x3000}
var lineParagraph = []rune{0x2028, 0x2029}
var formatChars = []rune{0x00AD, 0x0600, 0x0605, 0x061C, 0x06DD, 0x070F, 0x08E2, 0x180E, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202E, 0x2060, 0x2064, 0x2066, 0x2069, 0x206A, 0x206F, 0xFEFF, 0xFFF9, 0xFFFB, 0x110BD, 0x110CD, 0x13430, 0x13438, 0x1BCA0, 0x1BCA3, 0x1D173, 0x1D17A, 0xE0001, 0xE0020, 0xE007F}
var privateUse = []rune{0xE000, 0xE123, 0xF8FF, 0xF0000, 0xF1234, 0xFFFFD, 0x100000, 0x10FFFD}
var unassigned = []rune{0x0378, 0x0379, 0x0380, 0x0557, 0x05FF, 0x0B00, 0x2FFFF, 0x3FFFF, 0x4FFFF, 0x50000, 0xE0000, 0xE0080, 0xEFFFF}
var nonCharacters = []rune{0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE, 0x1FFFF, 0x10FFFE, 0x10FFFF}
var c1Controls = func() []rune {
	rs := []rune{}
	for r := rune(0x80); r <= 0x9F; r++ {
		rs = append(rs, r)
	}
	return rs
}()
var printableSamples = []rune{'é', 'ß', 'Ω', 'я', 'ע', 'ب', 'क', '日', '本', '한', 'ｱ', 0xFFFD, 0x1F600, 0x1F44D, 0x1F3FD, 0x1F1EB, 0x1F1F7, 0x20AC, 0x2603, 0x1D11E, 0x20000, 0x2A6D6, 0x10400, 0x1F9D1, 0x00A1, 0x00BF, 0x00FF, 0x0100, 0x2116, 0x3042, 0xFF01}
var combiningMarks = []rune{0x0300, 0x0301, 0x0316, 0x036F, 0x0483, 0x0591, 0x064B, 0x093C, 0x094D, 0x0E31, 0x1AB0, 0x1DC0, 0x20D0, 0x20E3, 0xFE0F, 0xFE20, 0x1D165, 0xE0100}

func main() {
	defer out.Flush()

	// Worked examples of strconv.Quote (strconv/quote.go), as FormatMap (pkg/fieldpath/fieldpath.go) writes values.
	for _, s := range []string{
		`say "hi"\now`, "tab\there", "\a\b\f\r\v", "\x1b[0m\x7f", "café 日本 😀",
		"nb\u00a0sp zw\u200bsp ls\u2028", "bom\ufeff pua\ue000", "plane15 \U000f0000", "it's", "", "value\n",
		"1", "2", "\"", "\\", "'", "\x00", "\u0085", "\U000f0000",
	} {
		emitString(s)
	}

	// Every single byte: ASCII, and 0x80-0xFF, each invalid on its own.
	for b := 0; b <= 0xFF; b++ {
		emit([]byte{byte(b)})
	}

	// Invalid and edge-case UTF-8: overlong forms, surrogates, values above 10FFFF, truncated sequences, stray
	// continuation bytes, and the boundaries of each encoding length.
	for _, b := range [][]byte{
		{0xC0, 0x80}, {0xC1, 0xBF}, {0xE0, 0x80, 0x80}, {0xE0, 0x9F, 0xBF}, {0xF0, 0x80, 0x80, 0x80}, {0xF0, 0x8F, 0xBF, 0xBF},
		{0xED, 0xA0, 0x80}, {0xED, 0xAF, 0xBF}, {0xED, 0xB0, 0x80}, {0xED, 0xBF, 0xBF}, {0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80},
		{0xF4, 0x90, 0x80, 0x80}, {0xF5, 0x80, 0x80, 0x80}, {0xF7, 0xBF, 0xBF, 0xBF}, {0xF8, 0x88, 0x80, 0x80, 0x80}, {0xFC, 0x84, 0x80, 0x80, 0x80, 0x80},
		{0xE6, 0x97}, {0xE6, 0x97, 'a'}, {0xF0, 0x9F, 0x98}, {0xF0, 0x9F, 0x98, '"'}, {0xF0, 0x9F}, {0xC3}, {0xC3, 'x'},
		{0x80}, {0x80, 0x80}, {0xBF, 'a', 0x80}, {'a', 0xFF, 'b'}, {0xFE, 0xFF}, {0xEF, 0xBB, 0xBF}, {0xEF, 0xBF, 0xBD},
		{0xC2, 0x80}, {0xDF, 0xBF}, {0xE0, 0xA0, 0x80}, {0xEF, 0xBF, 0xBF}, {0xF0, 0x90, 0x80, 0x80}, {0xF4, 0x8F, 0xBF, 0xBF},
		{0xE2, 0x28, 0xA1}, {0xE2, 0x82, 0x28}, {0xF0, 0x28, 0x8C, 0xBC}, {0xF0, 0x90, 0x28, 0xBC}, {0xF0, 0x28, 0x8C, 0x28},
		{'\\', 0xFF, '\\', 'x', 'f', 'f'}, {0x1B, 0xFF, 0x7F},
	} {
		emit(b)
	}

	// Each sample category, one code point per vector and then all together.
	for _, group := range [][]rune{spaceSeparators, lineParagraph, formatChars, privateUse, unassigned, nonCharacters, c1Controls, printableSamples, combiningMarks} {
		for _, r := range group {
			emitString(runes(r))
			emitString("a" + runes(r) + "b")
		}
		emitString(runes(group...))
	}

	// Text as it appears in annotations: emoji sequences, combining marks, scripts, JSON, multi-line values.
	for _, s := range []string{
		"👨‍👩‍👧‍👦", "👍🏽", "🇫🇷🇩🇪", "1️⃣", "e\u0301", "a\u0300\u0316\u036f", "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇",
		"한국어 텍스트", "ﬀ ﬁ ﬂ", "עִבְרִית", "العربية", "हिन्दी", "ไทย", "Ελληνικά", "кириллица",
		`{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{"a":"b\n"}}}`,
		"line one\nline two\r\nline three\ttabbed\x00nul",
		"kubectl.kubernetes.io/last-applied-configuration",
		"2026-07-24T10:15:42.123456789Z",
		"\t\n\v\f\r \x1c\x1d\x1e\x1f\x7f\u0080\u009f\u00a0\u00ad",
	} {
		emitString(s)
	}

	// Every BMP code point (surrogates excluded: they have no UTF-8 form), 128 per vector.
	for start := rune(0); start < 0x10000; start += 128 {
		b := []byte{}
		for r := start; r < start+128; r++ {
			if (r >= 0xD800 && r <= 0xDFFF) || excluded(r) {
				continue
			}
			b = utf8.AppendRune(b, r)
		}
		emit(b)
	}

	// The supplementary planes, sampled: densely where most assignments are (planes 1-3), sparsely elsewhere.
	for plane := rune(1); plane <= 16; plane++ {
		step := rune(4099)
		switch {
		case plane <= 3:
			step = 17
		case plane >= 14:
			step = 257
		}
		b := []byte{}
		for r := plane << 16; r < (plane+1)<<16; r += step {
			if excluded(r) {
				continue
			}
			b = utf8.AppendRune(b, r)
			if len(b) >= 512 {
				emit(b)
				b = b[:0]
			}
		}
		if len(b) > 0 {
			emit(b)
		}
	}

	// Pseudo-random strings from a fixed seed, drawing from the interesting code points above, escapes, ASCII,
	// random BMP and supplementary code points, and raw invalid bytes.
	rng := rand.New(rand.NewSource(20260724))
	pools := [][]rune{spaceSeparators, lineParagraph, formatChars, privateUse, unassigned, nonCharacters, c1Controls, printableSamples, combiningMarks,
		{'"', '\\', '\'', '\a', '\b', '\f', '\n', '\r', '\t', '\v', 0, 0x1B, 0x7F, ' ', '=', '%', 'x', 'u', 'U'}}
	for i := 0; i < 4000; i++ {
		b := []byte{}
		n := rng.Intn(24)
		for j := 0; j < n; j++ {
			switch k := rng.Intn(20); {
			case k < 5:
				b = append(b, byte(0x20+rng.Intn(0x5F)))
			case k < 14:
				pool := pools[rng.Intn(len(pools))]
				b = utf8.AppendRune(b, pool[rng.Intn(len(pool))])
			case k < 16:
				r := rune(rng.Intn(0x10000))
				if (r >= 0xD800 && r <= 0xDFFF) || excluded(r) {
					r = 'x'
				}
				b = utf8.AppendRune(b, r)
			case k < 18:
				r := rune(0x10000 + rng.Intn(0x100000))
				if excluded(r) {
					r = 0x1F600
				}
				b = utf8.AppendRune(b, r)
			default:
				b = append(b, byte(0x80+rng.Intn(0x80)))
			}
		}
		if containsExcluded(b) {
			// Random invalid bytes next to valid ones formed an excluded code point: draw again.
			i--
			continue
		}
		emit(b)
	}

	fmt.Fprintf(os.Stderr, "%d vectors\n", count)
}
