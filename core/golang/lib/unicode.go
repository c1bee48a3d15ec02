// Package unicode: character classes and case mapping (natives: ASCII and
// Latin-1 exactly, the rest of Unicode through the C library's tables).
package unicode

const (
	MaxRune         = '\U0010FFFF'
	ReplacementChar = '\uFFFD'
	MaxASCII        = '\u007F'
	MaxLatin1       = '\u00FF'
)

func IsUpper(r rune) bool
func IsLower(r rune) bool
func IsLetter(r rune) bool
func IsDigit(r rune) bool
func IsNumber(r rune) bool
func IsSpace(r rune) bool
func IsPunct(r rune) bool
func IsPrint(r rune) bool
func IsControl(r rune) bool
func ToUpper(r rune) rune
func ToLower(r rune) rune
func ToTitle(r rune) rune { return ToUpper(r) }
