// Package newsletter sends the network's news digest: at most one e-mail a
// day to each confirmed subscriber, with the things published since their
// last message that match their topics. It has no HTTP: the web layer
// serves the subscription, confirmation and unsubscribe pages (see
// docs/front-door.md) and publishing code appends to the queue with
// store.PublishNews.
package newsletter

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Rome must resolve on hosts without a zoneinfo database

	"benicommunity/internal/domain"
	"benicommunity/internal/i18n"
	"benicommunity/internal/mail"
	"benicommunity/internal/store"
)

// UnsubscribePath is where the one-click unsubscribe link points, followed
// by the subscriber's token. The web layer answers GET with a page that
// unsubscribes on a button, and POST (RFC 8058 one-click, body
// "List-Unsubscribe=One-Click") by unsubscribing at once.
const UnsubscribePath = "/novita/disiscrizione/"

// DefaultRetentionDays is how long an unconfirmed subscription is kept.
const DefaultRetentionDays = 7

// Job sends the digests. One Job may run on every instance at once: each
// message is claimed in the database before it is sent.
type Job struct {
	Store *store.Store
	Mail  mail.Sender
	// L writes the messages (Italian: i18n.Bundle.Localizer("it")).
	L *i18n.Localizer
	// BaseURL is the site's public address (--base-url), e.g.
	// https://rete.example.it; links in the messages start with it.
	BaseURL string
	// UnsubscribeMailto, when set, is an address added to List-Unsubscribe
	// as a mailto: alternative.
	UnsubscribeMailto string
	// RetentionDays after which an unconfirmed subscription is erased;
	// DefaultRetentionDays when 0.
	RetentionDays int
	Log           *slog.Logger
}

// Report says what one run did.
type Report struct {
	Sent   int   // digests sent
	Erased int64 // unconfirmed subscriptions erased
}

const page = 200

// Run sends today's digests that are due and erases the expired
// unconfirmed subscriptions. A message that cannot be sent is given back
// to the next run; the first such error is returned after the others went.
func (j *Job) Run(ctx context.Context, now time.Time) (Report, error) {
	var rep Report
	if j.BaseURL == "" {
		return rep, errors.New("news digest: no base URL: set --base-url")
	}
	network, err := j.Store.Network(ctx)
	if err != nil {
		return rep, fmt.Errorf("news digest: %w", err)
	}
	dayStart := startOfDay(now)
	var firstErr error
	var after int64
	for {
		due, err := j.Store.DueNewsSubscribers(ctx, dayStart, after, page)
		if err != nil {
			return rep, fmt.Errorf("news digest: %w", err)
		}
		for _, sub := range due {
			after = sub.ID
			sent, err := j.sendOne(ctx, network.Name, sub, dayStart, now)
			if err != nil {
				j.Log.Error("news digest not sent", "subscriber", sub.ID, "err", err)
				if firstErr == nil {
					firstErr = err
				}
				continue
			}
			if sent {
				rep.Sent++
			}
		}
		if len(due) < page {
			break
		}
	}
	days := j.RetentionDays
	if days <= 0 {
		days = DefaultRetentionDays
	}
	if rep.Erased, err = j.Store.DeleteUnconfirmedSubscriptions(ctx, now.AddDate(0, 0, -days)); err != nil {
		return rep, fmt.Errorf("news digest: %w", err)
	}
	return rep, firstErr
}

// sendOne sends one subscriber's digest if there is news for them and this
// instance wins the claim.
func (j *Job) sendOne(ctx context.Context, network string, sub store.NewsSubscriber, dayStart, now time.Time) (bool, error) {
	items, err := j.Store.NewsFor(ctx, sub, now)
	if err != nil || len(items) == 0 {
		return false, err
	}
	won, err := j.Store.ClaimNewsDigest(ctx, sub.ID, dayStart, now)
	if err != nil || !won {
		return false, err
	}
	if err := j.Mail.Send(ctx, j.Message(network, sub, items)); err != nil {
		if rerr := j.Store.ReleaseNewsDigest(ctx, sub.ID, now, sub.LastSentAt); rerr != nil {
			return false, fmt.Errorf("send digest to subscriber %d: %w; and %w", sub.ID, err, rerr)
		}
		return false, fmt.Errorf("send digest to subscriber %d: %w", sub.ID, err)
	}
	return true, nil
}

// UnsubscribeURL is the one-click unsubscribe link of a subscriber.
func (j *Job) UnsubscribeURL(sub store.NewsSubscriber) string {
	return strings.TrimRight(j.BaseURL, "/") + UnsubscribePath + url.PathEscape(sub.UnsubscribeToken)
}

// Message is the digest e-mail of a subscriber: the items grouped by kind,
// the unsubscribe link in the text, and the List-Unsubscribe header fields
// (RFC 2369, with one-click unsubscription as RFC 8058 asks).
func (j *Job) Message(network string, sub store.NewsSubscriber, items []store.NewsItem) mail.Message {
	base := strings.TrimRight(j.BaseURL, "/")
	unsub := j.UnsubscribeURL(sub)
	var b strings.Builder
	b.WriteString(j.L.T("newsletter.digest.intro", "Network", network))
	for _, kind := range []domain.NewsKind{domain.NewsStage, domain.NewsActivity, domain.NewsOutcome, domain.NewsMaterial,
		domain.NewsPractice, domain.NewsPact} {
		first := true
		for _, it := range items {
			if it.Kind != kind {
				continue
			}
			if first {
				b.WriteString("\n\n" + j.L.T("newsletter.kind."+string(kind)) + "\n")
				first = false
			}
			b.WriteString(j.L.T("newsletter.digest.item", "Title", it.Title, "URL", base+it.URLPath) + "\n")
		}
	}
	b.WriteString("\n-- \n" + j.L.T("newsletter.digest.footer", "Network", network, "Unsubscribe", unsub) + "\n")
	list := "<" + unsub + ">"
	if j.UnsubscribeMailto != "" {
		list += ", <mailto:" + j.UnsubscribeMailto + "?subject=" + url.QueryEscape("unsubscribe") + ">"
	}
	return mail.Message{To: sub.Email, Subject: j.L.T("newsletter.digest.subject", "Network", network), Text: b.String(),
		Headers: map[string]string{"List-Unsubscribe": list, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}}
}

// Start runs the job every interval until ctx ends.
func (j *Job) Start(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		rep, err := j.Run(ctx, time.Now())
		if err != nil && ctx.Err() == nil {
			j.Log.Error("news digest", "err", err)
		} else if rep != (Report{}) {
			j.Log.Info("news digest", "sent", rep.Sent, "erased", rep.Erased)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

var rome = func() *time.Location {
	l, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		return time.UTC
	}
	return l
}()

// startOfDay is midnight of now's day in Europe/Rome.
func startOfDay(now time.Time) time.Time {
	t := now.In(rome)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, rome)
}
