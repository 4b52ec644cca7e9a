// Package templates carries the default circular templates inside the binary,
// so that tongbao can write them out for an editor and run without a folder.
package templates

import "embed"

// FS holds the default templates: the manifest 通报.toml, the .tmpl section
// files and the annex definitions.
//
//go:embed *.toml *.tmpl README.md
var FS embed.FS
