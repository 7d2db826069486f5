package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"strings"
	"time"
)

// About is the network's "Chi siamo" page and the contacts of the footer,
// written by coordinators.
type About struct {
	BodyMarkdown      string     `json:"body_markdown"`      // the page, in Markdown (render with internal/markdown)
	ContactEmail      string     `json:"contact_email"`      // the network's contact address, in the footer
	ContactOffice     string     `json:"contact_office"`     // office and address, in the footer
	ControllerName    string     `json:"controller_name"`    // titolare del trattamento (data controller)
	ControllerContact string     `json:"controller_contact"` // how to reach the data controller
	Partners          []Partner  `json:"partners"`           // in display order
	UpdatedAt         *time.Time `json:"-"`
}

// Partner is a partner of the network with its link.
type Partner struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

// ErrAboutInvalid wraps what is wrong with an About a coordinator submitted.
var ErrAboutInvalid = errors.New("invalid about page")

// Check tells what is wrong with the about page, if anything: a contact
// e-mail that is not an address, a partner without a name, a partner link
// that is not http(s).
func (a About) Check() error {
	if e := strings.TrimSpace(a.ContactEmail); e != "" {
		if addr, err := mail.ParseAddress(e); err != nil || addr.Address != e {
			return fmt.Errorf("%w: contact e-mail %q", ErrAboutInvalid, e)
		}
	}
	for i, p := range a.Partners {
		if strings.TrimSpace(p.Name) == "" {
			return fmt.Errorf("%w: partner %d has no name", ErrAboutInvalid, i+1)
		}
		if p.URL != "" {
			u, err := url.Parse(p.URL)
			if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
				return fmt.Errorf("%w: partner %q: link %q", ErrAboutInvalid, p.Name, p.URL)
			}
		}
	}
	return nil
}

// About returns the about page and contacts; all empty before a
// coordinator writes them.
func (s *Store) About(ctx context.Context) (About, error) {
	return s.about(ctx)
}

func (c conn) about(ctx context.Context) (About, error) {
	var (
		a       About
		updated sql.NullTime
	)
	err := c.queryRow(ctx, `SELECT body_markdown, contact_email, contact_office, controller_name, controller_contact, updated_at
FROM network_about WHERE id = 1`).Scan(&a.BodyMarkdown, &a.ContactEmail, &a.ContactOffice, &a.ControllerName, &a.ControllerContact, &updated)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("load about page: %w", err)
	}
	if updated.Valid {
		t := updated.Time.UTC()
		a.UpdatedAt = &t
	}
	rows, err := c.query(ctx, `SELECT name, url FROM network_partners ORDER BY position, id`)
	if err != nil {
		return a, fmt.Errorf("load partners: %w", err)
	}
	defer rows.Close()
	a.Partners = []Partner{}
	for rows.Next() {
		var p Partner
		if err := rows.Scan(&p.Name, &p.URL); err != nil {
			return a, fmt.Errorf("load partners: %w", err)
		}
		a.Partners = append(a.Partners, p)
	}
	return a, rows.Err()
}

// UpdateAbout replaces the about page, contacts and partners, and records
// the change in the audit log. An invalid page gives ErrAboutInvalid.
func (s *Store) UpdateAbout(ctx context.Context, who Actor, a About, now time.Time) error {
	a = a.trimmed()
	if err := a.Check(); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *Tx) error {
		before, err := tx.about(ctx)
		if err != nil {
			return err
		}
		if err := tx.writeAbout(ctx, a, now); err != nil {
			return err
		}
		return tx.Audit(ctx, who, "update", "about", 1, "Chi siamo", before, a)
	})
}

func (a About) trimmed() About {
	out := About{BodyMarkdown: strings.TrimSpace(a.BodyMarkdown), ContactEmail: strings.TrimSpace(a.ContactEmail),
		ContactOffice: strings.TrimSpace(a.ContactOffice), ControllerName: strings.TrimSpace(a.ControllerName),
		ControllerContact: strings.TrimSpace(a.ControllerContact), Partners: []Partner{}}
	for _, p := range a.Partners {
		out.Partners = append(out.Partners, Partner{Name: strings.TrimSpace(p.Name), URL: strings.TrimSpace(p.URL)})
	}
	return out
}

func (c conn) writeAbout(ctx context.Context, a About, now time.Time) error {
	if _, err := c.exec(ctx, `INSERT INTO network_about (id, body_markdown, contact_email, contact_office, controller_name,
controller_contact, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET body_markdown = excluded.body_markdown, contact_email = excluded.contact_email,
contact_office = excluded.contact_office, controller_name = excluded.controller_name,
controller_contact = excluded.controller_contact, updated_at = excluded.updated_at`,
		a.BodyMarkdown, a.ContactEmail, a.ContactOffice, a.ControllerName, a.ControllerContact, now.UTC()); err != nil {
		return fmt.Errorf("write about page: %w", err)
	}
	if _, err := c.exec(ctx, `DELETE FROM network_partners`); err != nil {
		return fmt.Errorf("write partners: %w", err)
	}
	for i, p := range a.Partners {
		if _, err := c.exec(ctx, `INSERT INTO network_partners (position, name, url) VALUES (?, ?, ?)`, i+1, p.Name, p.URL); err != nil {
			return fmt.Errorf("write partner %q: %w", p.Name, err)
		}
	}
	return nil
}
