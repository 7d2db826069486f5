package admin

import (
	"archive/zip"
	"bytes"
	"path"
	"slices"
	"strings"
	"testing"
)

var acceptedKinds = []fileKind{kindPDF, kindPNG, kindJPEG, kindGIF, kindWebP, kindODT, kindODP, kindODS, kindDOCX, kindPPTX, kindXLSX}

func zipWith(names ...string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, _ := zw.Create(n)
		if n == "mimetype" {
			w.Write([]byte(kindODT.ContentType))
		} else {
			w.Write([]byte("<x/>"))
		}
	}
	zw.Close()
	return buf.Bytes()
}

// FuzzSniffFile: only an accepted kind is ever recognised, and only from
// its own signature (a PDF starts with %PDF-, an image with its magic
// number, an office file is a zip); the name agrees only when its
// extension is one of the kind's; an unrecognised file never has an
// agreeing name. The display name of an upload never carries a path or a
// control character.
func FuzzSniffFile(f *testing.F) {
	f.Add("verbale.pdf", []byte("%PDF-1.4\n%\xe2\xe3"))
	f.Add("foto.PNG", []byte("\x89PNG\r\n\x1a\n\x00\x00"))
	f.Add("foto.jpg", []byte{0xFF, 0xD8, 0xFF, 0xE0})
	f.Add("anim.gif", []byte("GIF89a...."))
	f.Add("img.webp", []byte("RIFF\x00\x00\x00\x00WEBPVP8 "))
	f.Add("pagina.pdf", []byte("<html><script>alert(1)</script></html>"))
	f.Add("../../etc/passwd", []byte("root:x:0:0"))
	f.Add("testo.odt", zipWith("mimetype", "content.xml"))
	f.Add("doc.docx", zipWith("[Content_Types].xml", "word/document.xml"))
	f.Add("doc.pdf", zipWith("[Content_Types].xml", "xl/workbook.xml"))
	f.Add("a\x00b.pdf", []byte("%PDF-"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		k, ok, nameOK := sniffFile(name, data)
		if !ok {
			if nameOK {
				t.Fatalf("unrecognised %q has an agreeing name", name)
			}
			return
		}
		if !slices.ContainsFunc(acceptedKinds, func(a fileKind) bool { return a.ContentType == k.ContentType }) {
			t.Fatalf("%q recognised as %q, not an accepted kind", name, k.ContentType)
		}
		var magic bool
		switch k.ContentType {
		case kindPDF.ContentType:
			magic = bytes.HasPrefix(data, []byte("%PDF-"))
		case kindPNG.ContentType:
			magic = bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n"))
		case kindJPEG.ContentType:
			magic = bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF})
		case kindGIF.ContentType:
			magic = bytes.HasPrefix(data, []byte("GIF8"))
		case kindWebP.ContentType:
			magic = bytes.HasPrefix(data, []byte("RIFF")) && len(data) > 12 && string(data[8:12]) == "WEBP"
		default:
			magic = bytes.HasPrefix(data, []byte("PK\x03\x04"))
		}
		if !magic {
			t.Fatalf("%q recognised as %q without its signature", name, k.ContentType)
		}
		if nameOK != slices.Contains(k.Exts, strings.ToLower(path.Ext(name))) {
			t.Fatalf("%q as %q: name agreement %v", name, k.ContentType, nameOK)
		}
		clean := cleanFilename(name)
		if clean == "" || strings.ContainsAny(clean, "/\\\"") || strings.ContainsFunc(clean, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			t.Fatalf("cleanFilename(%q) = %q", name, clean)
		}
	})
}
