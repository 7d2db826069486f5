package admin

import (
	"archive/zip"
	"bytes"
	"io"
	"path"
	"strings"
)

// DefaultMaxUpload is the largest attachment accepted unless configured.
const DefaultMaxUpload = 10 << 20

// fileKind is an accepted kind of attachment: the extensions it may carry
// and the content type it is served with.
type fileKind struct {
	ContentType string
	Exts        []string
	Inline      bool // shown in the browser rather than downloaded
}

var (
	kindPDF  = fileKind{"application/pdf", []string{".pdf"}, true}
	kindPNG  = fileKind{"image/png", []string{".png"}, true}
	kindJPEG = fileKind{"image/jpeg", []string{".jpg", ".jpeg"}, true}
	kindGIF  = fileKind{"image/gif", []string{".gif"}, true}
	kindWebP = fileKind{"image/webp", []string{".webp"}, true}
	kindODT  = fileKind{"application/vnd.oasis.opendocument.text", []string{".odt"}, false}
	kindODP  = fileKind{"application/vnd.oasis.opendocument.presentation", []string{".odp"}, false}
	kindODS  = fileKind{"application/vnd.oasis.opendocument.spreadsheet", []string{".ods"}, false}
	kindDOCX = fileKind{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", []string{".docx"}, false}
	kindPPTX = fileKind{"application/vnd.openxmlformats-officedocument.presentationml.presentation", []string{".pptx"}, false}
	kindXLSX = fileKind{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", []string{".xlsx"}, false}
)

// sniffFile tells what a file really is from its bytes, and whether its
// name agrees. ok is false for any content that is not an accepted kind;
// nameOK is false when the name claims another kind (a disguised file).
func sniffFile(name string, data []byte) (k fileKind, ok, nameOK bool) {
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		k, ok = kindPDF, true
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		k, ok = kindPNG, true
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		k, ok = kindJPEG, true
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		k, ok = kindGIF, true
	case len(data) > 12 && bytes.HasPrefix(data, []byte("RIFF")) && string(data[8:12]) == "WEBP":
		k, ok = kindWebP, true
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		k, ok = sniffZip(data)
	}
	if !ok {
		return k, false, false
	}
	ext := strings.ToLower(path.Ext(name))
	for _, e := range k.Exts {
		if e == ext {
			return k, true, true
		}
	}
	return k, true, false
}

// sniffZip recognises OpenDocument files by their "mimetype" entry and
// Office Open XML files by their main part.
func sniffZip(data []byte) (fileKind, bool) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fileKind{}, false
	}
	names := map[string]*zip.File{}
	for _, f := range zr.File {
		names[f.Name] = f
	}
	if f, ok := names["mimetype"]; ok && f.UncompressedSize64 < 200 {
		rc, err := f.Open()
		if err == nil {
			b, _ := io.ReadAll(io.LimitReader(rc, 200))
			rc.Close()
			switch strings.TrimSpace(string(b)) {
			case kindODT.ContentType:
				return kindODT, true
			case kindODP.ContentType:
				return kindODP, true
			case kindODS.ContentType:
				return kindODS, true
			}
		}
	}
	if _, ok := names["[Content_Types].xml"]; ok {
		switch {
		case names["word/document.xml"] != nil:
			return kindDOCX, true
		case names["ppt/presentation.xml"] != nil:
			return kindPPTX, true
		case names["xl/workbook.xml"] != nil:
			return kindXLSX, true
		}
	}
	return fileKind{}, false
}

// cleanFilename keeps the base name of an upload, without path or control
// characters, for display and for Content-Disposition.
func cleanFilename(name string) string {
	name = path.Base(strings.ReplaceAll(name, "\\", "/"))
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '"' || r == '/' {
			return -1
		}
		return r
	}, name)
	if len([]rune(name)) > 150 {
		ext := path.Ext(name)
		name = string([]rune(name)[:150-len([]rune(ext))]) + ext
	}
	if name == "" || name == "." {
		name = "file"
	}
	return name
}
