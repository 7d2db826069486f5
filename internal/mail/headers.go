package mail

import (
	"fmt"
	"net/textproto"
	"sort"
	"strings"

	gomail "github.com/wneessen/go-mail"
)

// reservedHeaders are set by the sender itself and cannot be overridden.
var reservedHeaders = map[string]bool{
	"From": true, "To": true, "Cc": true, "Bcc": true, "Subject": true, "Date": true, "Message-Id": true,
	"Mime-Version": true, "Content-Type": true, "Content-Transfer-Encoding": true, "Content-Disposition": true,
	"Sender": true, "Reply-To": true, "Return-Path": true,
}

// setHeaders adds a message's extra header fields, in name order so the
// same message always gives the same bytes.
func setHeaders(msg *gomail.Msg, headers map[string]string) error {
	names := make([]string, 0, len(headers))
	for name := range headers {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		value := headers[name]
		canon := textproto.CanonicalMIMEHeaderKey(name)
		if name == "" || strings.ContainsAny(name, " :\r\n\t") || reservedHeaders[canon] {
			return fmt.Errorf("mail: header %q cannot be set", name)
		}
		if strings.ContainsAny(value, "\r\n") {
			return fmt.Errorf("mail: header %q: line breaks are not allowed", name)
		}
		msg.SetGenHeader(gomail.Header(name), value)
	}
	return nil
}
