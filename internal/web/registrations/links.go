package registrations

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"benicommunity/internal/calendar"
	"benicommunity/internal/i18n"
	"benicommunity/internal/mail"
	"benicommunity/internal/registration"
	"benicommunity/internal/store"
)

// confirmLifetime is how long a double opt-in link works.
const confirmLifetime = 7 * 24 * time.Hour

// privacyVersion is the version of the registration privacy notice people
// consent to; it is recorded with each registration. Change it whenever the
// notice (registration.privacy.* in the catalogue) changes.
const privacyVersion = "2026-11"

// publicBase is the site address for e-mail links: --base-url, else the
// address of the request, else (scheduled jobs without a request) localhost.
func (s *Handler) publicBase(r *http.Request) string {
	if base := strings.TrimRight(s.BaseURL, "/"); base != "" {
		return base
	}
	if r != nil {
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		return scheme + "://" + r.Host
	}
	return "http://localhost"
}

// manageToken signs a registration's personal link: "<id>.<signature>".
// The signature covers a per-registration secret, so erasing the
// registration (which drops the secret) kills every link at once.
func manageToken(key []byte, id int64, nonce string) string {
	mac := hmac.New(sha256.New, key)
	fmt.Fprintf(mac, "manage|%d|%s", id, nonce)
	return strconv.FormatInt(id, 10) + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

func (s *Handler) linkKey(ctx context.Context) ([]byte, error) {
	return s.Store.SiteKey(ctx, "registration_links")
}

// manageURL is the personal link of a registration.
func (s *Handler) manageURL(ctx context.Context, r *http.Request, id int64) (string, error) {
	key, err := s.linkKey(ctx)
	if err != nil {
		return "", err
	}
	nonce, err := s.Store.ManageNonce(ctx, id)
	if err != nil {
		return "", err
	}
	return s.publicBase(r) + "/iscrizioni/gestisci/" + manageToken(key, id, nonce), nil
}

// errBadLink is a personal link that was forged, mistyped or belongs to
// erased data.
var errBadLink = errors.New("personal link not valid")

// registrationFromLink checks a personal link and loads its registration.
func (s *Handler) registrationFromLink(ctx context.Context, token string) (store.Registration, error) {
	idText, _, ok := strings.Cut(token, ".")
	id, err := strconv.ParseInt(idText, 10, 64)
	if !ok || err != nil || id <= 0 {
		return store.Registration{}, errBadLink
	}
	key, err := s.linkKey(ctx)
	if err != nil {
		return store.Registration{}, err
	}
	nonce, err := s.Store.ManageNonce(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return store.Registration{}, errBadLink
	}
	if err != nil {
		return store.Registration{}, err
	}
	if !hmac.Equal([]byte(manageToken(key, id, nonce)), []byte(token)) {
		return store.Registration{}, errBadLink
	}
	return s.Store.Registration(ctx, id)
}

// activityURL is the public page of an activity.
func (s *Handler) activityURL(r *http.Request, a store.RegistrationActivity) string {
	if a.IsStage {
		return s.publicBase(r) + "/tappe/" + a.Slug
	}
	return s.publicBase(r) + "/attivita/" + a.Slug
}

// whenText writes the date and times of an activity for e-mails.
func whenText(l *i18n.Localizer, a store.RegistrationActivity) string {
	w := l.Date(a.StartsOn)
	if a.StartTime != "" {
		w += ", " + l.T("activity.time", "Start", a.StartTime, "End", a.EndTime)
	}
	return w
}

// detailsText is the block of facts every registration e-mail carries:
// what, when, where and, for registered people only, the online link.
func (s *Handler) detailsText(l *i18n.Localizer, r *http.Request, a store.RegistrationActivity, withLink bool) string {
	var b strings.Builder
	b.WriteString(l.T("registration.mail.details", "Title", a.Title, "When", whenText(l, a), "Format", l.T("format."+a.Format), "URL", s.activityURL(r, a)))
	if a.Venue != "" {
		b.WriteString("\n" + l.T("registration.mail.venue", "Venue", a.Venue))
	}
	if withLink && a.Settings.OnlineLink != "" && a.Format != "in_presenza" {
		b.WriteString("\n" + l.T("registration.mail.online_link", "Link", a.Settings.OnlineLink))
	}
	return b.String()
}

// calendarAttachment is the .ics entry of an activity for a registration.
func (s *Handler) calendarAttachment(l *i18n.Localizer, r *http.Request, a store.RegistrationActivity, reg store.Registration) mail.Attachment {
	desc := s.activityURL(r, a)
	if a.Settings.OnlineLink != "" && a.Format != "in_presenza" {
		desc = l.T("registration.mail.online_link", "Link", a.Settings.OnlineLink) + "\n" + desc
	}
	host := strings.TrimPrefix(strings.TrimPrefix(s.publicBase(r), "https://"), "http://")
	data := registration.ICS(registration.Event{
		UID: calendar.UID("registration", reg.ID, host), Title: a.Title, Start: a.Start(), End: a.End(), AllDay: a.StartTime == "",
		Location: a.Venue, Description: desc, URL: s.activityURL(r, a),
	}, time.Now())
	return mail.Attachment{Filename: a.Slug + ".ics", ContentType: "text/calendar; charset=utf-8; method=PUBLISH", Data: data}
}

// sendSeatMail tells a person where they stand after confirming or being
// promoted: a seat (with the calendar entry and online link) or the waiting list.
func (s *Handler) sendSeatMail(ctx context.Context, l *i18n.Localizer, r *http.Request, a store.RegistrationActivity, reg store.Registration, promoted bool) error {
	manage, err := s.manageURL(ctx, r, reg.ID)
	if err != nil {
		return err
	}
	msg := mail.Message{To: reg.Email}
	switch {
	case reg.Status == store.RegWaiting:
		msg.Subject = l.T("registration.mail.waiting.subject", "Title", a.Title)
		msg.Text = l.T("registration.mail.waiting.text", "Name", reg.Name, "Details", s.detailsText(l, r, a, false), "Manage", manage)
	case promoted:
		msg.Subject = l.T("registration.mail.promoted.subject", "Title", a.Title)
		msg.Text = l.T("registration.mail.promoted.text", "Name", reg.Name, "Details", s.detailsText(l, r, a, true), "Manage", manage)
		msg.Attachments = []mail.Attachment{s.calendarAttachment(l, r, a, reg)}
	default:
		msg.Subject = l.T("registration.mail.confirmed.subject", "Title", a.Title)
		msg.Text = l.T("registration.mail.confirmed.text", "Name", reg.Name, "Details", s.detailsText(l, r, a, true), "Manage", manage)
		msg.Attachments = []mail.Attachment{s.calendarAttachment(l, r, a, reg)}
	}
	return s.sendMail(ctx, msg)
}

// regActivityOf loads the activity of a registration.
func (s *Handler) regActivityOf(ctx context.Context, reg store.Registration) (store.RegistrationActivity, error) {
	return s.Store.RegistrationActivityByID(ctx, reg.ActivityID)
}
