package pdf_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"tongbao/internal/layout"
	"tongbao/internal/layout/layouttest"
	"tongbao/internal/pdf"
)

// qpdfObjects is `qpdf --json` (version 2) of a PDF: its objects by
// "obj:N 0 R" and the trailer.
type qpdfObjects map[string]struct {
	Value  any `json:"value"`
	Stream *struct {
		Dict map[string]any `json:"dict"`
		Data string         `json:"data"`
	} `json:"stream"`
}

func qpdfJSON(t *testing.T, path string) qpdfObjects {
	t.Helper()
	if _, err := exec.LookPath("qpdf"); err != nil {
		if os.Getenv("CI") == "" {
			t.Skip("no qpdf (apt-get install -y qpdf); the PDF/A test runs in CI")
		}
		t.Fatal("CI is set but qpdf is missing: apt-get install -y qpdf")
	}
	out, err := exec.Command("qpdf", "--json", "--json-key=qpdf", "--json-stream-data=inline", "--decode-level=generalized", path).Output()
	if err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	var doc struct {
		Qpdf []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal(out, &doc); err != nil || len(doc.Qpdf) != 2 {
		t.Fatalf("qpdf json: %v", err)
	}
	objs := qpdfObjects{}
	if err := json.Unmarshal(doc.Qpdf[1], &objs); err != nil {
		t.Fatal(err)
	}
	return objs
}

// dict returns object ref's dictionary (a stream's dictionary for a stream).
func (q qpdfObjects) dict(t *testing.T, ref any) map[string]any {
	t.Helper()
	s, _ := ref.(string)
	o, ok := q["obj:"+s]
	if !ok {
		t.Fatalf("no object %v", ref)
	}
	if o.Stream != nil {
		return o.Stream.Dict
	}
	d, _ := o.Value.(map[string]any)
	return d
}

// data returns stream ref's decoded data.
func (q qpdfObjects) data(t *testing.T, ref any) []byte {
	t.Helper()
	s, _ := ref.(string)
	o := q["obj:"+s]
	if o.Stream == nil {
		t.Fatalf("%v is not a stream", ref)
	}
	b, err := base64.StdEncoding.DecodeString(o.Stream.Data)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// text is a qpdf JSON string's text ("u:…" for a text string).
func text(v any) string {
	s, _ := v.(string)
	return strings.TrimPrefix(s, "u:")
}

// xmpMeta is what the test reads of the XMP packet.
type xmpMeta struct {
	Part        string `xml:"RDF>Description>part"`
	Conformance string `xml:"RDF>Description>conformance"`
	Title       string `xml:"RDF>Description>title>Alt>li"`
	Creator     string `xml:"RDF>Description>creator>Seq>li"`
	Description string `xml:"RDF>Description>description>Alt>li"`
	Keywords    string `xml:"RDF>Description>Keywords"`
	Producer    string `xml:"RDF>Description>Producer"`
	CreatorTool string `xml:"RDF>Description>CreatorTool"`
	CreateDate  string `xml:"RDF>Description>CreateDate"`
	ModifyDate  string `xml:"RDF>Description>ModifyDate"`
}

// pdfDateRE reads a PDF date D:YYYYMMDDHHmmSS+HH'mm'.
var pdfDateRE = regexp.MustCompile(`^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})([+-])(\d{2})'(\d{2})'$`)

// sameDate reports whether PDF date p and XMP date x are the same.
func sameDate(p, x string) bool {
	m := pdfDateRE.FindStringSubmatch(p)
	return m != nil && x == m[1]+"-"+m[2]+"-"+m[3]+"T"+m[4]+":"+m[5]+":"+m[6]+m[7]+m[8]+":"+m[9]
}

// TestPDFA checks, by parsing the PDF with qpdf, each PDF/A-2b property
// WriteA promises for the specimen: XMP with pdfaid part 2 and conformance
// B whose title, author, subject, keywords, producer, creator and dates
// equal the information dictionary's; an sRGB OutputIntent (GTS_PDFA1) with
// an RGB ICC profile; a document ID; every font embedded and
// subset-tagged; no encryption, JavaScript, actions or transparency groups;
// the binary comment after the header; identical bytes twice. What it does
// not check is in README.md (no PDF/A validator runs here).
func TestPDFA(t *testing.T) {
	d := layouttest.Specimen()
	r, err := layout.Typeset(d)
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	if err := pdf.WriteA(&a, r, d.Info); err != nil {
		t.Fatal(err)
	}
	if err := pdf.WriteA(&b, r, d.Info); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two PDF/A renders differ")
	}
	if !bytes.HasPrefix(a.Bytes(), []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")) {
		t.Error("no binary comment after the header")
	}
	path := filepath.Join(t.TempDir(), "a.pdf")
	if err := os.WriteFile(path, a.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	q := qpdfJSON(t, path)
	trailer, _ := q["trailer"].Value.(map[string]any)
	if _, ok := trailer["/Encrypt"]; ok {
		t.Error("encrypted")
	}
	ids, _ := trailer["/ID"].([]any)
	if len(ids) != 2 || len(text(ids[0])) < 10 {
		t.Errorf("document ID: %v", trailer["/ID"])
	}
	info := q.dict(t, trailer["/Info"])
	cat := q.dict(t, trailer["/Root"])
	meta := q.dict(t, cat["/Metadata"])
	if meta["/Type"] != "/Metadata" || meta["/Subtype"] != "/XML" {
		t.Errorf("metadata stream: %v", meta)
	}
	var x xmpMeta
	if err := xml.Unmarshal(q.data(t, cat["/Metadata"]), &x); err != nil {
		t.Fatalf("XMP: %v", err)
	}
	if x.Part != "2" || x.Conformance != "B" {
		t.Errorf("pdfaid part %q conformance %q", x.Part, x.Conformance)
	}
	for _, c := range []struct{ key, xmp string }{
		{"/Title", x.Title}, {"/Author", x.Creator}, {"/Subject", x.Description}, {"/Keywords", x.Keywords},
		{"/Producer", x.Producer}, {"/Creator", x.CreatorTool},
	} {
		if got := text(info[c.key]); got == "" || got != c.xmp {
			t.Errorf("Info %s %q, XMP %q", c.key, got, c.xmp)
		}
	}
	if !sameDate(text(info["/CreationDate"]), x.CreateDate) || !sameDate(text(info["/ModDate"]), x.ModifyDate) {
		t.Errorf("dates: Info %v %v, XMP %s %s", info["/CreationDate"], info["/ModDate"], x.CreateDate, x.ModifyDate)
	}
	intents, _ := cat["/OutputIntents"].([]any)
	if len(intents) != 1 {
		t.Fatalf("output intents: %v", cat["/OutputIntents"])
	}
	intent := q.dict(t, intents[0])
	if intent["/S"] != "/GTS_PDFA1" || !strings.Contains(text(intent["/OutputConditionIdentifier"]), "sRGB") {
		t.Errorf("output intent: %v", intent)
	}
	icc := q.data(t, intent["/DestOutputProfile"])
	if q.dict(t, intent["/DestOutputProfile"])["/N"] != 3.0 || len(icc) < 128 || string(icc[36:40]) != "acsp" || string(icc[16:20]) != "RGB " {
		t.Error("the output intent's profile is not an RGB ICC profile")
	}

	fonts, forbidden := 0, regexp.MustCompile(`^/(JavaScript|JS|AA|OpenAction|Launch|EmbeddedFiles|URI)$`)
	tagged := regexp.MustCompile(`^/[A-Z]{6}\+`)
	for key, o := range q {
		if !strings.HasPrefix(key, "obj:") {
			continue
		}
		dict, _ := o.Value.(map[string]any)
		if o.Stream != nil {
			dict = o.Stream.Dict
		}
		for k, v := range dict {
			if forbidden.MatchString(k) {
				t.Errorf("%s has %s", key, k)
			}
			if k == "/S" && (v == "/Transparency" || v == "/JavaScript") {
				t.Errorf("%s is a %s group or action", key, v)
			}
		}
		if dict["/Type"] == "/Font" && dict["/Subtype"] == "/Type0" {
			fonts++
			if base, _ := dict["/BaseFont"].(string); !tagged.MatchString(base) {
				t.Errorf("font %s not subset-tagged", base)
			}
		}
		if dict["/Type"] == "/FontDescriptor" {
			if _, ok := dict["/FontFile2"]; !ok {
				t.Errorf("font %v not embedded", dict["/FontName"])
			}
			if name, _ := dict["/FontName"].(string); !tagged.MatchString(name) {
				t.Errorf("font descriptor %s not subset-tagged", name)
			}
		}
	}
	if fonts == 0 {
		t.Error("no fonts found")
	}
}
