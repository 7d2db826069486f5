package dataset

import (
	"os"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// The default network must say what its source page says and no more. The
// page is kept in testdata/source-tappe.txt; these tests read the default
// texts against it.

func sourcePage(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("testdata/source-tappe.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// sourceSection returns the part of the source page about one stage: from
// its heading line to the next stage's heading.
func sourceSection(t *testing.T, src, heading, next string) string {
	t.Helper()
	start := strings.Index(src, "\n"+heading+"\n")
	if start < 0 {
		t.Fatalf("source has no stage %q", heading)
	}
	rest := src[start+1:]
	if next != "" {
		end := strings.Index(rest, "\n"+next+"\n")
		if end < 0 {
			t.Fatalf("source has no stage %q", next)
		}
		rest = rest[:end]
	}
	return rest
}

// numberWords are the Italian words that state a quantity. Articles
// (un, una, uno) and ordinals are not counted: ordinals in the default texts
// are stage positions, which the order of the stages gives.
var numberWords = map[string]int{
	"due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sei": 6, "sette": 7, "otto": 8, "nove": 9,
	"dieci": 10, "undici": 11, "dodici": 12, "tredici": 13, "quattordici": 14, "quindici": 15,
	"sedici": 16, "diciassette": 17, "diciotto": 18, "diciannove": 19, "venti": 20, "trenta": 30,
	"quaranta": 40, "cinquanta": 50, "sessanta": 60, "settanta": 70, "ottanta": 80, "novanta": 90,
	"cento": 100, "mille": 1000, "decina": 10, "dozzina": 12, "ventina": 20, "trentina": 30,
	"quarantina": 40, "cinquantina": 50, "sessantina": 60, "centinaio": 100, "doppio": 2,
	"raddoppiati": 2, "raddoppiate": 2, "triplicati": 3, "metà": 2,
}

// numbersIn returns every quantity a text states, in digits or words.
func numbersIn(text string) []int {
	var out []int
	for _, tok := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if n, err := strconv.Atoi(tok); err == nil {
			out = append(out, n)
		} else if n, ok := numberWords[tok]; ok {
			out = append(out, n)
		}
	}
	return out
}

// defaultTexts returns every text of the default network with where it is.
func defaultTexts(ds Dataset) map[string]string {
	out := map[string]string{
		"network.name": ds.Network.Name, "network.tagline": ds.Network.Tagline,
		"network.description": ds.Network.Description, "network.area": ds.Network.Area,
	}
	for _, c := range ds.Communities {
		out["community "+c.Slug+" name"] = c.Name
		out["community "+c.Slug+" description"] = c.Description
	}
	for _, at := range ds.ActivityTypes {
		out["type "+at.Slug+" name"] = at.Name
		out["type "+at.Slug+" description"] = at.Description
	}
	for _, th := range ds.Themes {
		out["theme "+th.Slug] = th.Name
	}
	for _, b := range ds.Bodies {
		out["body "+b.Slug+" name"] = b.Name
		out["body "+b.Slug+" description"] = b.Description
	}
	for _, a := range ds.Activities {
		out["activity "+a.Slug+" title"] = a.Title
		out["activity "+a.Slug+" headline"] = a.Headline
		out["activity "+a.Slug+" summary"] = a.Summary
		out["activity "+a.Slug+" description"] = a.Description
		out["activity "+a.Slug+" online note"] = a.OnlineNote
		out["activity "+a.Slug+" outcome"] = a.OutcomeReport
		for i, tb := range a.Tables {
			out["activity "+a.Slug+" table "+strconv.Itoa(i+1)+" outcome"] = tb.Outcome
		}
	}
	return out
}

func loadDefault(t *testing.T) Dataset {
	t.Helper()
	ds, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func TestDefaultTextsStateOnlyTheSourcesNumbers(t *testing.T) {
	given := map[int]bool{}
	for _, n := range numbersIn(sourcePage(t)) {
		given[n] = true
	}
	ds := loadDefault(t)
	for where, text := range defaultTexts(ds) {
		for _, n := range numbersIn(text) {
			if !given[n] {
				t.Errorf("%s states %d, a number the source page does not give: %q", where, n, text)
			}
		}
	}
	// Tables are labelled by position ("Gruppo di discussione 3") up to the
	// number of groups the source gives; any other number must be the source's.
	label := regexp.MustCompile(`^Gruppo di discussione (\d+)$`)
	for _, a := range ds.Activities {
		for _, tb := range a.Tables {
			if m := label.FindStringSubmatch(tb.Title); m != nil {
				if n, _ := strconv.Atoi(m[1]); n > len(a.Tables) {
					t.Errorf("%s: table %q beyond the %d groups", a.Slug, tb.Title, len(a.Tables))
				}
				continue
			}
			for _, n := range numbersIn(tb.Title) {
				if !given[n] {
					t.Errorf("%s: table %q states %d", a.Slug, tb.Title, n)
				}
			}
		}
	}
}

// unsupported are claims the default data once made and the source does
// not support.
var unsupported = []string{
	"raddoppiat",      // Collegno: the source gives no head-count for Chieri
	"sedici",          // Collegno: 15 Comuni and ANCI Piemonte
	"bandi",           // Barge: the external resources are not specified
	"finanziamenti",   //
	"competenze)",     //
	"giornata",        // Genova: "una formazione online", no length given
	"valle d'aosta",   // no member body comes from there
	"lombardia",       //
	"inviata a tutti", // the report was "condiviso", and only at Chieri
	"da fuori regione",
	"piattaforma di formazione",
}

func TestDefaultTextsAvoidUnsupportedClaims(t *testing.T) {
	for where, text := range defaultTexts(loadDefault(t)) {
		low := strings.ToLower(text)
		for _, phrase := range unsupported {
			if strings.Contains(low, phrase) {
				t.Errorf("%s says %q, which the source does not support: %q", where, phrase, text)
			}
		}
	}
}

func TestDefaultNetworkTypesNoRegions(t *testing.T) {
	if area := loadDefault(t).Network.Area; area != "" {
		t.Errorf("network area = %q; the regions are derived from the member bodies (store.NetworkRegions), not typed", area)
	}
}

// stageFacts is what the source page says about each stage.
type stageFacts struct {
	slug, heading, date string
	// bodies maps each body recorded at the stage to how the source names it
	// in that stage's paragraph.
	bodies map[string]string
	// figures are the declared figures, each of which the paragraph gives.
	people, bodiesCount int
	outcomeShared       bool
}

var stages = []stageFacts{
	{slug: "chieri-2020", heading: "Chieri", date: "2020-12-11", outcomeShared: true, bodies: map[string]string{
		"comune-di-chieri": "Comune di Chieri", "comune-di-chivasso": "Chivasso", "comune-di-collegno": "Collegno",
		"comune-di-druento": "Druento", "comune-di-leini": "Leinì", "comune-di-sant-antonino-di-susa": "Sant'Antonino di Susa",
		"comune-di-torino": "Torino"}},
	{slug: "collegno-2021", heading: "Collegno", date: "2021-03-12", people: 50, bodies: map[string]string{
		"comune-di-collegno": "Comune di Collegno", "anci-piemonte": "Anci Piemonte", "comune-di-torino": "Torino",
		"comune-di-chieri": "Chieri", "comune-di-sant-antonino-di-susa": "Sant'Antonino di Susa", "comune-di-grugliasco": "Grugliasco",
		"comune-di-chivasso": "Chivasso", "comune-di-piossasco": "Piossasco", "comune-di-leini": "Leinì", "comune-di-druento": "Druento",
		"comune-di-torre-pellice": "Torre Pellice", "comune-di-susa": "Susa", "comune-di-condove": "Condove",
		"comune-di-pinerolo": "Pinerolo", "comune-di-almese": "Almese", "comune-di-settimo-torinese": "Settimo Torinese"}},
	{slug: "genova-2021", heading: "Genova", date: "2021-09-21", people: 60, bodiesCount: 20, bodies: map[string]string{
		"scuola-di-amministrazione-del-comune-di-genova":         "Scuola di Amministrazione del Comune di Genova",
		"ufficio-formazione-della-citta-metropolitana-di-genova": "ufficio Formazione della Città Metropolitana di Genova",
		"comune-di-genova": "il Comune e la Città metropolitana di Genova", "citta-metropolitana-di-genova": "il Comune e la Città metropolitana di Genova",
		"comune-di-asti": "Asti", "comune-di-barge": "Barge", "comune-di-cogoleto": "Cogoleto", "comune-di-davagna": "Davagna",
		"comune-di-ronco-biellese": "Ronco Biellese", "comune-di-savignone": "Savignone", "comune-di-sestri-levante": "Sestri Levante",
		"comune-di-valenza": "Valenza"}},
	{slug: "sant-antonino-di-susa-2021", heading: "Sant'Antonino di Susa", date: "2021-12-15", people: 41, bodies: map[string]string{
		"comune-di-sant-antonino-di-susa": "comune di Sant'Antonino di Susa", "comune-di-torino": "Torino",
		"comune-di-collegno": "Collegno", "comune-di-verona": "Verona", "comune-di-aramengo": "Aramengo", "comune-di-savona": "Savona"}},
	{slug: "barge-2022", heading: "Barge", date: "2022-02-17", people: 50, bodiesCount: 24, bodies: map[string]string{
		"comune-di-barge": "Comune di Barge"}},
}

func TestDefaultStagesMatchTheSource(t *testing.T) {
	src := sourcePage(t)
	ds := loadDefault(t)
	byslug := map[string]Activity{}
	for _, a := range ds.Activities {
		byslug[a.Slug] = a
	}
	if len(ds.Activities) != len(stages) {
		t.Errorf("default activities = %d, the source has %d stages", len(ds.Activities), len(stages))
	}
	for i, st := range stages {
		next := ""
		if i+1 < len(stages) {
			next = stages[i+1].heading
		} else {
			next = "EVENTI PUBBLICI"
		}
		section := sourceSection(t, src, st.heading, next)
		a, ok := byslug[st.slug]
		if !ok {
			t.Errorf("no default activity %s", st.slug)
			continue
		}
		if a.Date != st.date {
			t.Errorf("%s date = %s, want %s", st.slug, a.Date, st.date)
		}
		if a.Format != "online" || !strings.Contains(section, "\nOnline\n") {
			t.Errorf("%s format = %s; the source says online", st.slug, a.Format)
		}
		var got []string
		for _, p := range a.Participations {
			if !slices.Contains(got, p.Body) {
				got = append(got, p.Body)
			}
		}
		var want []string
		for slug, named := range st.bodies {
			want = append(want, slug)
			if !strings.Contains(section, named) {
				t.Errorf("%s: the source's paragraph does not name %q", st.slug, named)
			}
		}
		sort.Strings(got)
		sort.Strings(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s bodies = %v\nthe source names %v", st.slug, got, want)
		}
		sectionNumbers := numbersIn(section)
		if p := a.Declared.People; (p == nil) != (st.people == 0) || (p != nil && (*p != st.people || !slices.Contains(sectionNumbers, *p))) {
			t.Errorf("%s declared people = %v, the source gives %d", st.slug, p, st.people)
		}
		if b := a.Declared.Bodies; (b == nil) != (st.bodiesCount == 0) || (b != nil && (*b != st.bodiesCount || !slices.Contains(sectionNumbers, *b))) {
			t.Errorf("%s declared bodies = %v, the source gives %d", st.slug, b, st.bodiesCount)
		}
		if a.OutcomeShared != st.outcomeShared {
			t.Errorf("%s outcome shared = %v; the source says it only of Chieri", st.slug, a.OutcomeShared)
		}
		if st.outcomeShared != strings.Contains(section, "condiviso con tutti i partecipanti") {
			t.Errorf("%s: the source's paragraph and the expected outcome disagree", st.slug)
		}
		mentions := strings.Contains(strings.ToLower(a.Summary+a.Description), "restituzione")
		if mentions && !st.outcomeShared {
			t.Errorf("%s texts speak of an outcome report the source does not mention", st.slug)
		}
	}
}

// The counters on the source page: each type's baseline plus the stages of
// that type must give the page's figure.
func TestDefaultCountersMatchTheSource(t *testing.T) {
	want := map[string]int{"eventi-pubblici": 35, "formazione": 34, "co-progettazione": 128, "beni-community": 3, "networking": 35}
	src := sourcePage(t)
	ds := loadDefault(t)
	for _, at := range ds.ActivityTypes {
		n := at.Baseline
		for _, a := range ds.Activities {
			if a.Type == at.Slug && a.Status == "published" {
				n++
			}
		}
		if n != want[at.Slug] {
			t.Errorf("counter %s = %d, the source shows %d", at.Slug, n, want[at.Slug])
		}
		if !strings.Contains(src, strings.ToUpper(at.Name)+"\n\n\n\n"+strconv.Itoa(want[at.Slug])) {
			t.Errorf("the source does not show %s %d", strings.ToUpper(at.Name), want[at.Slug])
		}
	}
}
