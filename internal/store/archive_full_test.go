package store_test

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/dataset"
	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

const (
	fullUserEmail       = "referente.archivio@comune.example.it"
	fullRegistrantEmail = "iscritta.archivio@example.org"
)

// fullNetwork is the default network with a row in every table, each
// written by the store's own methods: accounts, a referent, a logo, a
// contact office, an attachment, registrations with attendance, an erased
// one, sessions, single-use tokens, link keys and audit entries.
func fullNetwork(t *testing.T, d store.Dialect) (*store.Store, int64) {
	t.Helper()
	ctx := context.Background()
	s := withExtra(t, d)
	bodies, err := s.AllBodyRefs(ctx)
	if err != nil || len(bodies) < 2 {
		t.Fatalf("bodies: %v %d", err, len(bodies))
	}
	body := bodies[0].ID
	coord, err := s.CreateUser(ctx, store.NewUser{Email: "coordinamento.archivio@example.it", Name: "Coordinamento", Role: auth.Coordinator, PasswordHash: "$2a$10$hashdiprova"})
	if err != nil {
		t.Fatal(err)
	}
	ref, err := s.CreateUser(ctx, store.NewUser{Email: fullUserEmail, Name: "Referente", Role: auth.Referent, PasswordHash: "$2a$10$altrohash", Bodies: []int64{body}})
	if err != nil {
		t.Fatal(err)
	}
	who := store.Actor{UserID: coord, Email: "coordinamento.archivio@example.it"}
	if err := s.SetBodyLogo(ctx, who, body, "image/png", []byte("\x89PNG\r\n\x1a\nlogo")); err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateBodyProfile(ctx, store.Actor{UserID: ref, Email: fullUserEmail}, body, store.BodyProfile{Description: "Profilo", ContactOffice: "Ufficio beni comuni"}); err != nil {
		t.Fatal(err)
	}
	aid := upcoming(t, s, "archivio-iscrizioni", intp(10))
	if _, err := s.AddAttachment(ctx, who, store.NewAttachment{ActivityID: aid, Section: "activity", Filename: "programma.pdf", Title: "Programma", ContentType: "application/pdf", Data: []byte("%PDF-1.4 \x00\x01\x02 programma")}); err != nil {
		t.Fatal(err)
	}
	registryRows(t, s, &auth.User{ID: coord, Email: "coordinamento.archivio@example.it", Role: auth.Coordinator}, body, aid)
	now := time.Now()
	var ids []int64
	for i, email := range []string{fullRegistrantEmail, "secondo.archivio@example.org", "terzo.archivio@example.org"} {
		nr := newReg(aid, email)
		if i < 2 {
			nr.BodyID = bodies[i].ID
		}
		if i == 0 {
			nr.UserID = ref
		}
		id, err := s.Register(ctx, nr, now)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.ConfirmRegistration(ctx, nr.ConfirmHash, now); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if _, err := s.SetAttendance(ctx, who, aid, ids[:2], true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteOwnRegistration(ctx, ids[2], now); err != nil { // an erased row
		t.Fatal(err)
	}
	if err := s.CreateSession(ctx, auth.HashToken("sessione"), ref, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateUserToken(ctx, auth.HashToken("invito"), ref, store.TokenInvite, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SiteKey(ctx, "registration_links"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Secret(ctx, "api_cursor"); err != nil {
		t.Fatal(err)
	}
	// a join request accepted, which links a body and the referent
	jr := newJoin("", bodies[1].Name, bodies[1].Kind, fullUserEmail)
	jid, err := s.CreateJoinRequest(ctx, jr, now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ConfirmJoinRequest(ctx, jr.ConfirmHash, now); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AcceptJoinRequest(ctx, who, jid, store.JoinAcceptance{BodyID: bodies[1].ID, Message: "Benvenuti"}, now, nil); err != nil {
		t.Fatal(err)
	}
	// the about page with its partners
	if err := s.UpdateAbout(ctx, who, store.About{BodyMarkdown: "La **rete**.", ContactEmail: "rete@example.it", ContactOffice: "Via Roma 1, Torino",
		ControllerName: "Comune capofila", ControllerContact: "privacy@example.it",
		Partners: []store.Partner{{Name: "Labsus", URL: "https://www.labsus.org"}, {Name: "ANCI Piemonte"}}}, now); err != nil {
		t.Fatal(err)
	}
	// a confirmed news subscriber and a published thing
	sub := newSubscription(fullRegistrantEmail, "conferma-novita", domain.TopicStages, domain.TopicPacts)
	if _, err := s.Subscribe(ctx, sub, now); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ConfirmSubscription(ctx, sub.ConfirmHash, now); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PublishNews(ctx, store.NewsItem{Kind: domain.NewsStage, Ref: "archivio-iscrizioni", Title: "Tappa di prova",
		URLPath: "/tappe/archivio-iscrizioni", PublishedAt: now}); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordLoginFailure(ctx, "referente@example.it", "192.0.2.1", now); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ClaimJob(ctx, "backup", now, time.Hour); err != nil {
		t.Fatal(err)
	}
	return s, aid
}

// Every table of the schema is carried by the archive or named, with its
// reason, as left out; the fixture above has rows in all of them, so the
// round trip below covers every table.
func TestArchiveCoversEveryTable(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s, _ := fullNetwork(t, d)
		counts, err := s.RowCounts(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(counts) < len(store.ArchivedTables) {
			t.Fatalf("the catalogue lists %d tables: %v", len(counts), counts)
		}
		for table, n := range counts {
			_, skipped := store.NotArchivedTables[table]
			if !skipped && !slices.Contains(store.ArchivedTables, table) {
				t.Errorf("table %s is neither exported nor listed in store.NotArchivedTables", table)
			}
			if n == 0 && table != "schema_migrations" {
				t.Errorf("the fixture has no rows in %s", table)
			}
		}
		for _, table := range store.ArchivedTables {
			if _, ok := counts[table]; !ok {
				t.Errorf("archived table %s is not in the schema", table)
			}
		}
	})
}

// The move with personal data keeps everything: SQLite to PostgreSQL and
// back, byte for byte, and the copy works (logins, personal links, figures).
func TestArchiveRoundTripWithEveryTable(t *testing.T) {
	ctx := context.Background()
	for _, dir := range [][2]store.Dialect{{store.SQLite, store.Postgres}, {store.Postgres, store.SQLite}} {
		t.Run(string(dir[0])+"-to-"+string(dir[1]), func(t *testing.T) {
			from, aid := fullNetwork(t, dir[0])
			first := exportJSON(t, from, store.ExportOptions{IncludePersonal: true})
			to := storetest.Open(t, dir[1])
			importJSON(t, to, first)
			second := exportJSON(t, to, store.ExportOptions{IncludePersonal: true})
			if !bytes.Equal(first, second) {
				t.Fatalf("the archives differ after a round trip: %s", firstDiff(first, second))
			}
			for _, want := range []string{fullUserEmail, fullRegistrantEmail, `"password_hash": "$2a$10$altrohash"`, `"key.registration_links"`,
				`"contact_office": "Ufficio beni comuni"`, `"online_link": "https://meet.example.it/segreto"`, `"audit_log"`, `"manage_nonce"`} {
				if !bytes.Contains(first, []byte(want)) {
					t.Errorf("the archive lacks %s", want)
				}
			}
			if bytes.Contains(first, []byte("secret.api_cursor")) || bytes.Contains(first, []byte(auth.HashToken("sessione"))) {
				t.Error("the archive carries the API cursor key or a session")
			}
			before, err := from.RowCounts(ctx)
			if err != nil {
				t.Fatal(err)
			}
			after, err := to.RowCounts(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, table := range store.ArchivedTables {
				if table == "settings" {
					continue // derived settings and the API key are made anew
				}
				if before[table] != after[table] {
					t.Errorf("%s: %d rows before, %d after", table, before[table], after[table])
				}
			}
			// the link key and the per-registration secrets moved: links signed before work after
			k1, _ := from.SiteKey(ctx, "registration_links")
			k2, _ := to.SiteKey(ctx, "registration_links")
			if len(k1) == 0 || !bytes.Equal(k1, k2) {
				t.Error("the registration link key did not travel")
			}
			u, err := to.UserByEmail(ctx, fullUserEmail)
			if err != nil || u.PasswordHash != "$2a$10$altrohash" {
				t.Errorf("the referent cannot log in after the move: %+v %v", u, err)
			}
			f1, _ := from.CountedFigures(ctx, aid)
			f2, err := to.CountedFigures(ctx, aid)
			if err != nil || f1.People != 2 || f1.People != f2.People || f1.Bodies != f2.Bodies {
				t.Errorf("counted figures %+v before, %+v after (%v)", f1, f2, err)
			}
			// new rows get fresh ids, past the imported ones
			if _, err := to.CreateUser(ctx, store.NewUser{Email: "nuovo@example.it", Role: auth.Participant}); err != nil {
				t.Errorf("a new account after the import: %v", err)
			}
			if v, err := to.InsightDataVersion(ctx); err != nil || v == 0 {
				t.Errorf("insight data version after the import = %d, %v", v, err)
			}
		})
	}
}

// Without --include-personal nothing about people is written, and the
// figures the public pages show from attendance stay the same.
func TestArchiveWithoutPersonalDataKeepsPublicFigures(t *testing.T) {
	ctx := context.Background()
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		from, aid := fullNetwork(t, d)
		public := exportJSON(t, from, store.ExportOptions{})
		for _, secret := range []string{fullUserEmail, fullRegistrantEmail, "coordinamento.archivio", "Persona ", "hashdiprova",
			"key.registration_links", "secret.api_cursor", `"personal"`, `"manage_nonce"`, `"audit_log"`, `"certificate_code"`} {
			if bytes.Contains(public, []byte(secret)) {
				t.Errorf("the archive without personal data contains %q", secret)
			}
		}
		other := store.Postgres
		if d == store.Postgres {
			other = store.SQLite
		}
		to := storetest.Open(t, other)
		importJSON(t, to, public)
		f1, _ := from.CountedFigures(ctx, aid)
		f2, err := to.CountedFigures(ctx, aid)
		if err != nil || f1.People == 0 || f1.People != f2.People || f1.Bodies != f2.Bodies || len(f1.Roles) != len(f2.Roles) {
			t.Errorf("counted figures %+v before, %+v after (%v)", f1, f2, err)
		}
		c1, _ := from.RegistrationCounts(ctx, aid)
		c2, _ := to.RegistrationCounts(ctx, aid)
		if c1 != c2 {
			t.Errorf("registration counts %+v before, %+v after", c1, c2)
		}
		again := exportJSON(t, to, store.ExportOptions{})
		if !strings.Contains(string(again), `"erased_at"`) {
			t.Error("imported registrations are not marked erased")
		}
	})
}

// An account alone (made with "benicommunity user" before the import)
// already makes the database not empty: the import would clash with it.
func TestImportRefusesADatabaseWithAccounts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		from, _ := fullNetwork(t, d)
		archive := exportJSON(t, from, store.ExportOptions{IncludePersonal: true})
		to := storetest.Open(t, d)
		if _, err := to.CreateUser(ctx, store.NewUser{Email: "primo@example.it", Role: auth.Coordinator}); err != nil {
			t.Fatal(err)
		}
		ds, err := dataset.Parse(archive)
		if err != nil {
			t.Fatal(err)
		}
		if err := to.Import(ctx, ds); !errors.Is(err, store.ErrNotEmpty) {
			t.Fatalf("import into a database with an account: %v, want ErrNotEmpty", err)
		}
		if n, err := to.CountUsers(ctx); err != nil || n != 1 {
			t.Errorf("the refused import changed the accounts: %d, %v", n, err)
		}
	})
}
