// Package circular holds the domain of tongbao: inspection rounds, government
// websites and new-media accounts, their results and verdict rules, the figures
// a circular reports, document numbers, and the one user-facing error type. It
// imports only the standard library.
package circular

import (
	"errors"
	"fmt"
	"strings"
)

// Error codes of user-facing errors.
const (
	EInvalid  = "invalid"  // bad input: a workbook, a flag, a value
	ENotFound = "notfound" // a round, number or file that does not exist
	EConflict = "conflict" // a round that exists, a number that is taken
	EConfig   = "config"   // config.toml problems
	ETemplate = "template" // template parse or execution problems
	EFont     = "font"     // a character no bundled face has
	EIO       = "io"       // files that cannot be read or written
	EInternal = "internal" // a bug or an unexpected failure
)

// Error is the one user-facing error: a code for programs and a message in
// Simplified Chinese for people. Problems lists every problem found in an
// input (all reported at once), each with its place.
type Error struct {
	Code     string
	Message  string
	Problems []Problem
	// Err is the underlying cause, kept for logs; never shown as the message.
	Err error
}

// Problem is one problem in an input, with where it is.
type Problem struct {
	File   string
	Sheet  string
	Row    int    // 1-based spreadsheet row; 0 when not about a row
	Column string // column header or letter; empty when not about a column
	Line   int    // 1-based line in a text file; 0 when not about a line
	Text   string // what is wrong, in Chinese
}

// String formats the problem as one line: 文件 x.xlsx，工作表「网站」，第 3 行，「网站标识码」列：…
func (p Problem) String() string {
	var parts []string
	if p.File != "" {
		parts = append(parts, "文件 "+p.File)
	}
	if p.Sheet != "" {
		parts = append(parts, "工作表「"+p.Sheet+"」")
	}
	if p.Row > 0 {
		parts = append(parts, fmt.Sprintf("第 %d 行", p.Row))
	}
	if p.Line > 0 {
		parts = append(parts, fmt.Sprintf("第 %d 行", p.Line))
	}
	if p.Column != "" {
		parts = append(parts, "「"+p.Column+"」列")
	}
	if len(parts) == 0 {
		return p.Text
	}
	return strings.Join(parts, "，") + "：" + p.Text
}

// Error returns the Chinese message followed by one line per problem.
func (e *Error) Error() string {
	if len(e.Problems) == 0 {
		return e.Message
	}
	var b strings.Builder
	b.WriteString(e.Message)
	for _, p := range e.Problems {
		b.WriteString("\n  ")
		b.WriteString(p.String())
	}
	return b.String()
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted Chinese message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap returns an *Error with the given code and message that keeps err as its cause.
func Wrap(err error, code, message string) *Error {
	return &Error{Code: code, Message: message, Err: err}
}

// ErrorCode returns the code of the first *Error in err's chain, EInternal for
// any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// ErrorMessage returns what a user should read for err: the Chinese message of
// the first *Error in its chain (with its problems), or a generic Chinese
// message carrying err's text for anything else.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Error()
	}
	return "内部错误：" + err.Error()
}
