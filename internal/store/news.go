package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"benicommunity/internal/domain"
)

// ErrAlreadySubscribed means the address already receives the news. A web
// form should answer as for a new subscription, so it never tells whether
// an address is subscribed.
var ErrAlreadySubscribed = errors.New("address already subscribed")

// NewsSubscriber is a subscriber to the network's news.
type NewsSubscriber struct {
	ID               int64
	Email            string
	Topics           []domain.NewsTopic
	PactProvinces    []string // province codes (e.g. "TO") for new pacts
	ConsentVersion   string
	ConsentAt        time.Time
	ConfirmedAt      *time.Time
	UnsubscribeToken string // the secret of the one-click unsubscribe link
	LastSentAt       *time.Time
	CreatedAt        time.Time
}

// Has tells whether the subscriber chose a topic.
func (n NewsSubscriber) Has(t domain.NewsTopic) bool { return slices.Contains(n.Topics, t) }

const newsSubscriberSelect = `SELECT id, email, topic_stages, topic_outcomes, topic_materials, topic_pacts, pact_provinces,
consent_version, consent_at, confirmed_at, unsubscribe_token, last_sent_at, created_at FROM news_subscribers `

func scanNewsSubscriber(sc interface{ Scan(...any) error }) (NewsSubscriber, error) {
	var (
		n                             NewsSubscriber
		stages, outcomes, mats, pacts bool
		provinces                     string
		confirmed, last               sql.NullTime
	)
	if err := sc.Scan(&n.ID, &n.Email, &stages, &outcomes, &mats, &pacts, &provinces, &n.ConsentVersion, &n.ConsentAt,
		&confirmed, &n.UnsubscribeToken, &last, &n.CreatedAt); err != nil {
		return n, err
	}
	for _, t := range []struct {
		on    bool
		topic domain.NewsTopic
	}{{stages, domain.TopicStages}, {outcomes, domain.TopicOutcomes}, {mats, domain.TopicMaterials}, {pacts, domain.TopicPacts}} {
		if t.on {
			n.Topics = append(n.Topics, t.topic)
		}
	}
	if provinces != "" {
		n.PactProvinces = strings.Split(provinces, ",")
	}
	if confirmed.Valid {
		t := confirmed.Time.UTC()
		n.ConfirmedAt = &t
	}
	if last.Valid {
		t := last.Time.UTC()
		n.LastSentAt = &t
	}
	n.ConsentAt, n.CreatedAt = n.ConsentAt.UTC(), n.CreatedAt.UTC()
	return n, nil
}

// NewSubscription is what the "Iscriviti alle novità" form submits.
type NewSubscription struct {
	Email          string
	Topics         []domain.NewsTopic
	PactProvinces  []string // two-letter province codes; kept only with TopicPacts
	ConsentVersion string
	ConsentAt      time.Time
	// ConfirmHash is auth.HashToken of the token e-mailed for confirmation.
	ConfirmHash    string
	ConfirmExpires time.Time
	// UnsubscribeToken is a fresh auth.NewToken token: every message carries
	// it in its one-click unsubscribe link, so it is stored as it is.
	UnsubscribeToken string
}

var provinceCode = regexp.MustCompile(`^[A-Z]{2}$`)

func (ns NewSubscription) check() ([4]bool, string, error) {
	var flags [4]bool
	if len(ns.Topics) == 0 {
		return flags, "", fmt.Errorf("subscribe: choose at least one topic")
	}
	for _, t := range ns.Topics {
		i := slices.Index(domain.NewsTopics, t)
		if i < 0 {
			return flags, "", fmt.Errorf("subscribe: unknown topic %q", t)
		}
		flags[i] = true
	}
	var provinces []string
	if flags[3] {
		for _, p := range ns.PactProvinces {
			p = strings.ToUpper(strings.TrimSpace(p))
			if !provinceCode.MatchString(p) {
				return flags, "", fmt.Errorf("subscribe: bad province code %q", p)
			}
			if !slices.Contains(provinces, p) {
				provinces = append(provinces, p)
			}
		}
		slices.Sort(provinces)
	}
	if strings.TrimSpace(ns.Email) == "" || ns.ConfirmHash == "" || ns.UnsubscribeToken == "" {
		return flags, "", fmt.Errorf("subscribe: e-mail, confirmation and unsubscribe tokens are required")
	}
	return flags, strings.Join(provinces, ","), nil
}

// Subscribe records a subscription waiting for its e-mail confirmation. An
// earlier unconfirmed subscription of the same address is replaced (its
// link stops working); a confirmed one gives ErrAlreadySubscribed and is
// left as it is.
func (s *Store) Subscribe(ctx context.Context, ns NewSubscription, now time.Time) (int64, error) {
	flags, provinces, err := ns.check()
	if err != nil {
		return 0, err
	}
	email := NormalizeEmail(ns.Email)
	var id int64
	err = s.InTx(ctx, func(tx *Tx) error {
		var confirmed sql.NullTime
		err := tx.queryRow(ctx, `SELECT id, confirmed_at FROM news_subscribers WHERE email = ?`, email).Scan(&id, &confirmed)
		switch {
		case err == nil && confirmed.Valid:
			return ErrAlreadySubscribed
		case err == nil:
			if _, err := tx.exec(ctx, `DELETE FROM news_subscribers WHERE id = ?`, id); err != nil {
				return fmt.Errorf("replace unconfirmed subscription: %w", err)
			}
		case !errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("look up subscription: %w", err)
		}
		id, err = tx.insertID(ctx, `INSERT INTO news_subscribers (email, topic_stages, topic_outcomes, topic_materials, topic_pacts,
pact_provinces, consent_version, consent_at, confirm_hash, confirm_expires_at, unsubscribe_token, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, email, flags[0], flags[1], flags[2], flags[3], provinces, ns.ConsentVersion,
			ns.ConsentAt.UTC(), ns.ConfirmHash, ns.ConfirmExpires.UTC(), ns.UnsubscribeToken, now.UTC())
		if err != nil {
			return fmt.Errorf("subscribe %q: %w", email, err)
		}
		return nil
	})
	return id, err
}

// ConfirmSubscription spends the confirmation link (double opt-in): from
// now on the address receives the news published after this moment.
// ErrLinkUnknown, ErrLinkUsed and ErrLinkExpired change nothing.
func (s *Store) ConfirmSubscription(ctx context.Context, confirmHash string, now time.Time) (NewsSubscriber, error) {
	var n NewsSubscriber
	err := s.InTx(ctx, func(tx *Tx) error {
		var (
			id        int64
			expires   time.Time
			confirmed sql.NullTime
		)
		err := tx.queryRow(ctx, `SELECT id, confirm_expires_at, confirmed_at FROM news_subscribers WHERE confirm_hash = ?`, confirmHash).
			Scan(&id, &expires, &confirmed)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return ErrLinkUnknown
		case err != nil:
			return fmt.Errorf("look up subscription link: %w", err)
		case confirmed.Valid:
			return ErrLinkUsed
		case !now.Before(expires):
			return ErrLinkExpired
		}
		res, err := tx.exec(ctx, `UPDATE news_subscribers SET confirmed_at = ? WHERE id = ? AND confirmed_at IS NULL`, now.UTC(), id)
		if err != nil {
			return fmt.Errorf("confirm subscription %d: %w", id, err)
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return ErrLinkUsed
		}
		n, err = scanNewsSubscriber(tx.queryRow(ctx, newsSubscriberSelect+`WHERE id = ?`, id))
		if err != nil {
			return fmt.Errorf("load subscription %d: %w", id, err)
		}
		return nil
	})
	return n, err
}

// Unsubscribe erases the subscriber of a one-click unsubscribe link: nothing
// of the subscription is kept. An unknown token gives ErrLinkUnknown (the
// page should still say the address no longer receives the news).
func (s *Store) Unsubscribe(ctx context.Context, token string) error {
	if token == "" {
		return ErrLinkUnknown
	}
	res, err := s.exec(ctx, `DELETE FROM news_subscribers WHERE unsubscribe_token = ?`, token)
	if err != nil {
		return fmt.Errorf("unsubscribe: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrLinkUnknown
	}
	return nil
}

// DeleteUnconfirmedSubscriptions erases the subscriptions created before the
// given time and never confirmed. It returns how many went.
func (s *Store) DeleteUnconfirmedSubscriptions(ctx context.Context, createdBefore time.Time) (int64, error) {
	res, err := s.exec(ctx, `DELETE FROM news_subscribers WHERE confirmed_at IS NULL AND created_at < ?`, createdBefore.UTC())
	if err != nil {
		return 0, fmt.Errorf("delete unconfirmed subscriptions: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// NewsCounts are the confirmed subscribers per topic, and per province for
// new pacts: what coordinators see (the list itself is never shown or exported).
type NewsCounts struct {
	Confirmed   int
	Unconfirmed int
	ByTopic     map[domain.NewsTopic]int
	ByProvince  map[string]int
}

// NewsSubscriberCounts counts the subscribers.
func (s *Store) NewsSubscriberCounts(ctx context.Context) (NewsCounts, error) {
	c := NewsCounts{ByTopic: map[domain.NewsTopic]int{}, ByProvince: map[string]int{}}
	rows, err := s.query(ctx, `SELECT confirmed_at IS NOT NULL, topic_stages, topic_outcomes, topic_materials, topic_pacts, pact_provinces
FROM news_subscribers`)
	if err != nil {
		return c, fmt.Errorf("count subscribers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			confirmed bool
			flags     [4]bool
			provinces string
		)
		if err := rows.Scan(&confirmed, &flags[0], &flags[1], &flags[2], &flags[3], &provinces); err != nil {
			return c, fmt.Errorf("count subscribers: %w", err)
		}
		if !confirmed {
			c.Unconfirmed++
			continue
		}
		c.Confirmed++
		for i, on := range flags {
			if on {
				c.ByTopic[domain.NewsTopics[i]]++
			}
		}
		if flags[3] && provinces != "" {
			for _, p := range strings.Split(provinces, ",") {
				c.ByProvince[p]++
			}
		}
	}
	return c, rows.Err()
}
