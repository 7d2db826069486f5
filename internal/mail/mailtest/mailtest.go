// Package mailtest runs a real SMTP server on loopback for tests and keeps
// what it receives.
package mailtest

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/textproto"
	"strings"
	"sync"
	"testing"

	"github.com/emersion/go-smtp"
)

// Received is one delivered message.
type Received struct {
	From    string
	To      []string
	Subject string
	// Header holds the message's header fields as received.
	Header mail.Header
	Body   string // decoded text
	Raw    string
	// Attachments are the decoded file parts of a multipart message.
	Attachments []Attachment
}

// Attachment is one received file.
type Attachment struct {
	Filename    string
	ContentType string
	Data        []byte
}

// Server is an SMTP server on 127.0.0.1 that accepts everything.
type Server struct {
	Addr string
	mu   sync.Mutex
	msgs []Received
	got  chan struct{}
}

// Start starts the server and stops it when the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen for SMTP: %v", err)
	}
	s := &Server{Addr: ln.Addr().String(), got: make(chan struct{}, 100)}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{srv: s}, nil }))
	srv.Domain = "localhost"
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return s
}

// URL is the --smtp-url that reaches this server.
func (s *Server) URL() string { return "smtp://" + s.Addr + "?tls=none" }

// Messages returns what was received so far.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.msgs...)
}

// readPart decodes a message part: text goes to Body, files to
// Attachments, and multipart containers are walked.
func readPart(rec *Received, h textproto.MIMEHeader, r io.Reader) {
	mediaType, params, _ := mime.ParseMediaType(h.Get("Content-Type"))
	if strings.HasPrefix(mediaType, "multipart/") {
		mr := multipart.NewReader(r, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if err != nil {
				return
			}
			readPart(rec, p.Header, p)
		}
	}
	var body io.Reader = r
	switch strings.ToLower(h.Get("Content-Transfer-Encoding")) {
	case "quoted-printable":
		body = quotedprintable.NewReader(r)
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, r)
	}
	b, _ := io.ReadAll(body)
	_, dparams, _ := mime.ParseMediaType(h.Get("Content-Disposition"))
	if name := dparams["filename"]; name != "" || (mediaType != "" && mediaType != "text/plain") {
		if name == "" {
			name = params["name"]
		}
		rec.Attachments = append(rec.Attachments, Attachment{Filename: name, ContentType: h.Get("Content-Type"), Data: b})
		return
	}
	rec.Body += string(b)
}

type session struct {
	srv  *Server
	from string
	to   []string
}

func (ss *session) Reset()        { ss.from, ss.to = "", nil }
func (ss *session) Logout() error { return nil }
func (ss *session) Mail(from string, _ *smtp.MailOptions) error {
	ss.from = from
	return nil
}
func (ss *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.to = append(ss.to, to)
	return nil
}
func (ss *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	rec := Received{From: ss.from, To: ss.to, Raw: string(raw)}
	if m, err := mail.ReadMessage(bytes.NewReader(raw)); err == nil {
		dec := new(mime.WordDecoder)
		if subj, err := dec.DecodeHeader(m.Header.Get("Subject")); err == nil {
			rec.Subject = subj
		}
		rec.Header = m.Header
		readPart(&rec, textproto.MIMEHeader(m.Header), m.Body)
	}
	ss.srv.mu.Lock()
	ss.srv.msgs = append(ss.srv.msgs, rec)
	ss.srv.mu.Unlock()
	return nil
}
