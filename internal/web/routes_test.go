package web_test

import (
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"

	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

// routeChecks has one request per route of routes.go, with the status it
// must answer. The detailed tests of each page are in the *_test.go files
// named in routes.go; this table makes sure no route is left without one.
var routeChecks = map[string]struct {
	path   string
	status int
}{
	"GET /{$}":                           {"/", 200},
	"GET /tappe":                         {"/tappe", 200},
	"GET /tappe/{slug}":                  {"/tappe/genova-2021", 200},
	"GET /attivita":                      {"/attivita?tipo=formazione", 200},
	"GET /attivita/{slug}":               {"/attivita/genova-2021", 301}, // a stage: redirected to /tappe (TestActivityPagesAndRedirects serves a non-stage)
	"GET /enti":                          {"/enti?regione=Liguria", 200},
	"GET /enti/{slug}":                   {"/enti/comune-di-genova", 200},
	"GET /healthz":                       {"/healthz", 200},
	"GET /readyz":                        {"/readyz", 200},
	"GET /static/":                       {"", 200}, // the page's first stylesheet (TestStaticAssets)
	"GET /favicon.ico":                   {"/favicon.ico", 204},
	"/":                                  {"/non-esiste", 404},
	"GET /cerca":                         {"/cerca?q=comunicazione", 200},
	"GET /patti":                         {"/patti?stato=sottoscritto", 200},
	"GET /patti/{slug}":                  {"/patti/non-esiste", 404}, // the default network has no pacts (registry_pacts_test.go serves some)
	"GET /regolamenti":                   {"/regolamenti?regione=Liguria&ordina=stato", 200},
	"GET /buone-pratiche":                {"/buone-pratiche", 200},
	"GET /buone-pratiche/{slug}":         {"/buone-pratiche/non-esiste", 404},
	"GET /registro/allegati/{id}/{name}": {"/registro/allegati/999999/x.pdf", 404},

	// Network insight (insight_*_test.go).
	"GET /enti/comuni":              {"/enti/comuni?q=chieri", 200},
	"GET /enti/comuni.json":         {"/enti/comuni.json?q=chieri", 200},
	"GET /rete":                     {"/rete", 200},
	"GET /rete/mappa.json":          {"/rete/mappa.json", 200},
	"GET /rete/crescita.json":       {"/rete/crescita.json", 200},
	"GET /rete/partecipazione.json": {"/rete/partecipazione.json", 200},
	"GET /rete/coinvolgimento.json": {"/rete/coinvolgimento.json", 200},
	"GET /rete/registro.json":       {"/rete/registro.json", 200},
	"GET /accessibilita":            {"/accessibilita", 200},
	"GET /privacy":                  {"/privacy", 200},
	"GET /lingua":                   {"/lingua?l=en&torna=/tappe", 303},

	// Feeds and open data (feeds_*_test.go).
	"GET /tappe.ics":                {"/tappe.ics", 200},
	"GET /attivita.ics":             {"/attivita.ics?tipo=formazione", 200},
	"GET /comunita/{file}":          {"/comunita/amministratori.ics", 200},
	"GET /feed.atom":                {"/feed.atom", 200},
	"GET /restituzioni.atom":        {"/restituzioni.atom", 200},
	"GET /sitemap.xml":              {"/sitemap.xml", 200},
	"GET /robots.txt":               {"/robots.txt", 200},
	"GET /opendata":                 {"/opendata", 200},
	"GET /opendata/catalogo.jsonld": {"/opendata/catalogo.jsonld", 200},
	"GET /opendata/catalogo.ttl":    {"/opendata/catalogo.ttl", 200},

	// JSON API and CSV (api_*_test.go).
	"GET /api":                         {"/api", 200},
	"GET /api/openapi.json":            {"/api/openapi.json", 200},
	"GET /api/v1/{$}":                  {"/api/v1/", 200},
	"GET /api/v1/activities":           {"/api/v1/activities?type=formazione", 200},
	"GET /api/v1/activities/{slug}":    {"/api/v1/activities/genova-2021", 200},
	"GET /api/v1/bodies":               {"/api/v1/bodies?region=Liguria", 200},
	"GET /api/v1/bodies/{slug}":        {"/api/v1/bodies/comune-di-genova", 200},
	"GET /api/v1/communities":          {"/api/v1/communities", 200},
	"GET /api/v1/activity-types":       {"/api/v1/activity-types", 200},
	"GET /api/v1/network":              {"/api/v1/network", 200},
	"GET /api/v1/pacts":                {"/api/v1/pacts?status=sottoscritto", 200},
	"GET /api/v1/pacts/{slug}":         {"/api/v1/pacts/non-esiste", 404},
	"GET /dati/patti.csv":              {"/dati/patti.csv", 200},
	"OPTIONS /dati/patti.csv":          {"/dati/patti.csv", 204},
	"OPTIONS /api/":                    {"/api/v1/activities", 204},
	"/api/":                            {"/api/v1/nessuna", 404},
	"GET /dati/attivita.csv":           {"/dati/attivita.csv", 200},
	"GET /dati/enti.csv":               {"/dati/enti.csv", 200},
	"GET /dati/partecipazioni.csv":     {"/dati/partecipazioni.csv", 200},
	"OPTIONS /dati/attivita.csv":       {"/dati/attivita.csv", 204},
	"OPTIONS /dati/enti.csv":           {"/dati/enti.csv", 204},
	"OPTIONS /dati/partecipazioni.csv": {"/dati/partecipazioni.csv", 204},

	// Accounts, as an anonymous visitor (auth_test.go has the full flows).
	"GET /accedi":                {"/accedi", 200},
	"POST /accedi":               {"/accedi", 422},
	"POST /esci":                 {"/esci", 303},
	"GET /password-dimenticata":  {"/password-dimenticata", 200},
	"POST /password-dimenticata": {"/password-dimenticata", 422},
	"GET /accedi/link/{token}":   {"/accedi/link/falso", 410},
	"POST /accedi/link/{token}":  {"/accedi/link/falso", 410},
	"GET /allegati/{id}/{name}":  {"/allegati/999/x.pdf", 404},
	"GET /loghi/{id}":            {"/loghi/999", 404},

	// Backoffice, as an anonymous visitor: every page sends to the login
	// (admin_authz_test.go checks every route for every role).
	"POST /admin/esci-ovunque":                            {"/admin/esci-ovunque", 303},
	"GET /admin/password":                                 {"/admin/password", 303},
	"POST /admin/password":                                {"/admin/password", 303},
	"GET /admin":                                          {"/admin", 303},
	"GET /admin/utenti":                                   {"/admin/utenti", 303},
	"GET /admin/utenti/invita":                            {"/admin/utenti/invita", 303},
	"POST /admin/utenti/invita":                           {"/admin/utenti/invita", 303},
	"GET /admin/utenti/{id}":                              {"/admin/utenti/1", 303},
	"POST /admin/utenti/{id}":                             {"/admin/utenti/1", 303},
	"POST /admin/utenti/{id}/invita-di-nuovo":             {"/admin/utenti/1/invita-di-nuovo", 303},
	"GET /admin/attivita":                                 {"/admin/attivita", 303},
	"GET /admin/attivita/nuova":                           {"/admin/attivita/nuova", 303},
	"POST /admin/attivita":                                {"/admin/attivita", 303},
	"GET /admin/attivita/{id}":                            {"/admin/attivita/1", 303},
	"POST /admin/attivita/{id}":                           {"/admin/attivita/1", 303},
	"POST /admin/attivita/{id}/pubblica":                  {"/admin/attivita/1/pubblica", 303},
	"POST /admin/attivita/{id}/ritira":                    {"/admin/attivita/1/ritira", 303},
	"POST /admin/attivita/{id}/annulla":                   {"/admin/attivita/1/annulla", 303},
	"GET /admin/attivita/{id}/elimina":                    {"/admin/attivita/1/elimina", 303},
	"POST /admin/attivita/{id}/elimina":                   {"/admin/attivita/1/elimina", 303},
	"POST /admin/attivita/{id}/allegati":                  {"/admin/attivita/1/allegati", 303},
	"POST /admin/allegati/{id}/elimina":                   {"/admin/allegati/1/elimina", 303},
	"POST /admin/anteprima":                               {"/admin/anteprima", 303},
	"GET /admin/enti":                                     {"/admin/enti", 303},
	"GET /admin/enti/nuovo":                               {"/admin/enti/nuovo", 303},
	"POST /admin/enti":                                    {"/admin/enti", 303},
	"GET /admin/enti/{id}":                                {"/admin/enti/1", 303},
	"POST /admin/enti/{id}":                               {"/admin/enti/1", 303},
	"POST /admin/enti/{id}/logo":                          {"/admin/enti/1/logo", 303},
	"GET /admin/enti/{id}/unisci":                         {"/admin/enti/1/unisci", 303},
	"POST /admin/enti/{id}/unisci":                        {"/admin/enti/1/unisci", 303},
	"GET /admin/tipi":                                     {"/admin/tipi", 303},
	"POST /admin/tipi":                                    {"/admin/tipi", 303},
	"POST /admin/tipi/{id}":                               {"/admin/tipi/1", 303},
	"GET /admin/community":                                {"/admin/community", 303},
	"POST /admin/community":                               {"/admin/community", 303},
	"POST /admin/community/{id}":                          {"/admin/community/1", 303},
	"GET /admin/registro":                                 {"/admin/registro", 303},
	"GET /admin/enti/{id}/regolamento":                    {"/admin/enti/1/regolamento", 303},
	"POST /admin/enti/{id}/regolamento":                   {"/admin/enti/1/regolamento", 303},
	"POST /admin/enti/{id}/regolamento/testo":             {"/admin/enti/1/regolamento/testo", 303},
	"POST /admin/allegati-registro/{id}/elimina":          {"/admin/allegati-registro/1/elimina", 303},
	"GET /admin/buone-pratiche":                           {"/admin/buone-pratiche", 303},
	"GET /admin/buone-pratiche/nuova":                     {"/admin/buone-pratiche/nuova", 303},
	"POST /admin/buone-pratiche":                          {"/admin/buone-pratiche", 303},
	"GET /admin/buone-pratiche/{id}":                      {"/admin/buone-pratiche/1", 303},
	"POST /admin/buone-pratiche/{id}":                     {"/admin/buone-pratiche/1", 303},
	"POST /admin/buone-pratiche/{id}/pubblica":            {"/admin/buone-pratiche/1/pubblica", 303},
	"POST /admin/buone-pratiche/{id}/ritira":              {"/admin/buone-pratiche/1/ritira", 303},
	"GET /admin/buone-pratiche/{id}/elimina":              {"/admin/buone-pratiche/1/elimina", 303},
	"POST /admin/buone-pratiche/{id}/elimina":             {"/admin/buone-pratiche/1/elimina", 303},
	"POST /admin/buone-pratiche/{id}/allegati":            {"/admin/buone-pratiche/1/allegati", 303},
	"POST /admin/attivita/{id}/formazione":                {"/admin/attivita/1/formazione", 303},
	"POST /admin/attivita/{id}/formazione/{link}/elimina": {"/admin/attivita/1/formazione/1/elimina", 303},
	"GET /admin/patti/importa":                            {"/admin/patti/importa", 303},
	"POST /admin/patti/importa":                           {"/admin/patti/importa", 303},
	"POST /admin/patti/importa/conferma":                  {"/admin/patti/importa/conferma", 303},
	"GET /admin/patti":                                    {"/admin/patti", 303},
	"GET /admin/patti/nuovo":                              {"/admin/patti/nuovo", 303},
	"POST /admin/patti":                                   {"/admin/patti", 303},
	"GET /admin/patti/{id}":                               {"/admin/patti/1", 303},
	"POST /admin/patti/{id}":                              {"/admin/patti/1", 303},
	"POST /admin/patti/{id}/stato":                        {"/admin/patti/1/stato", 303},
	"POST /admin/patti/{id}/pubblica":                     {"/admin/patti/1/pubblica", 303},
	"POST /admin/patti/{id}/ritira":                       {"/admin/patti/1/ritira", 303},
	"GET /admin/patti/{id}/elimina":                       {"/admin/patti/1/elimina", 303},
	"POST /admin/patti/{id}/elimina":                      {"/admin/patti/1/elimina", 303},
	"POST /admin/patti/{id}/allegati":                     {"/admin/patti/1/allegati", 303},
	"GET /admin/patti/beni":                               {"/admin/patti/beni", 303},
	"POST /admin/patti/beni":                              {"/admin/patti/beni", 303},
	"GET /admin/patti/tipi":                               {"/admin/patti/tipi", 303},
	"POST /admin/patti/tipi":                              {"/admin/patti/tipi", 303},

	// Registrations (registration_*_test.go walk every flow; here a past
	// activity (closed: 410), a forged link (410), and the backoffice as anonymous).
	"GET /iscrizioni/attivita/{slug}":                {"/iscrizioni/attivita/chieri-2020", 410},
	"POST /iscrizioni/attivita/{slug}":               {"/iscrizioni/attivita/chieri-2020", 410},
	"GET /iscrizioni/attivita/{slug}/inviata":        {"/iscrizioni/attivita/chieri-2020/inviata", 200},
	"GET /iscrizioni/conferma/{token}":               {"/iscrizioni/conferma/falso", 410},
	"POST /iscrizioni/conferma/{token}":              {"/iscrizioni/conferma/falso", 410},
	"GET /iscrizioni/privacy":                        {"/iscrizioni/privacy", 200},
	"GET /iscrizioni/gestisci/{token}":               {"/iscrizioni/gestisci/falso", 410},
	"POST /iscrizioni/gestisci/{token}":              {"/iscrizioni/gestisci/falso", 410},
	"POST /iscrizioni/gestisci/{token}/annulla":      {"/iscrizioni/gestisci/falso/annulla", 410},
	"POST /iscrizioni/gestisci/{token}/elimina":      {"/iscrizioni/gestisci/falso/elimina", 410},
	"GET /iscrizioni/gestisci/{token}/attestato.pdf": {"/iscrizioni/gestisci/falso/attestato.pdf", 410},
	"GET /attestati/{code}":                          {"/attestati/NONESISTE", 404},
	"GET /admin/iscrizioni":                          {"/admin/iscrizioni", 303},
	"GET /admin/iscrizioni/{slug}":                   {"/admin/iscrizioni/chieri-2020", 303},
	"GET /admin/iscrizioni/{slug}/export.csv":        {"/admin/iscrizioni/chieri-2020/export.csv", 303},
	"POST /admin/iscrizioni/{slug}/impostazioni":     {"/admin/iscrizioni/chieri-2020/impostazioni", 303},
	"POST /admin/iscrizioni/{slug}/presenze":         {"/admin/iscrizioni/chieri-2020/presenze", 303},
	"POST /admin/iscrizioni/{slug}/sposta":           {"/admin/iscrizioni/chieri-2020/sposta", 303},
	"POST /admin/iscrizioni/{slug}/annulla":          {"/admin/iscrizioni/chieri-2020/annulla", 303},
	"GET /admin/iscrizioni/{slug}/nuova":             {"/admin/iscrizioni/chieri-2020/nuova", 303},
	"POST /admin/iscrizioni/{slug}/nuova":            {"/admin/iscrizioni/chieri-2020/nuova", 303},
	"POST /admin/iscrizioni/{slug}/email":            {"/admin/iscrizioni/chieri-2020/email", 303},
	"POST /admin/iscrizioni/{slug}/restituzione":     {"/admin/iscrizioni/chieri-2020/restituzione", 303},
	"POST /admin/iscrizioni/{slug}/ente":             {"/admin/iscrizioni/chieri-2020/ente", 303},

	// The front door (outreach/*_test.go has the flows).
	"GET /aderisci":                      {"/aderisci", 200},
	"POST /aderisci":                     {"/aderisci", 422},
	"GET /aderisci/inviata":              {"/aderisci/inviata", 200},
	"GET /aderisci/conferma/{token}":     {"/aderisci/conferma/sconosciuto", 200},
	"POST /aderisci/conferma/{token}":    {"/aderisci/conferma/sconosciuto", 410},
	"GET /admin/adesioni":                {"/admin/adesioni", 303},
	"GET /admin/adesioni/{id}":           {"/admin/adesioni/1", 303},
	"POST /admin/adesioni/{id}/accetta":  {"/admin/adesioni/1/accetta", 303},
	"POST /admin/adesioni/{id}/rifiuta":  {"/admin/adesioni/1/rifiuta", 303},
	"POST /admin/adesioni/{id}/elimina":  {"/admin/adesioni/1/elimina", 303},
	"GET /iscriviti-alle-novita":         {"/iscriviti-alle-novita", 200},
	"POST /iscriviti-alle-novita":        {"/iscriviti-alle-novita", 422},
	"GET /iscriviti-alle-novita/inviata": {"/iscriviti-alle-novita/inviata", 200},
	"GET /novita/conferma/{token}":       {"/novita/conferma/sconosciuto", 200},
	"POST /novita/conferma/{token}":      {"/novita/conferma/sconosciuto", 410},
	"GET /novita/disiscrizione/{token}":  {"/novita/disiscrizione/sconosciuto", 200},
	"POST /novita/disiscrizione/{token}": {"/novita/disiscrizione/sconosciuto", 200},
	"GET /admin/novita":                  {"/admin/novita", 303},
	"GET /chi-siamo":                     {"/chi-siamo", 200},
	"GET /admin/chi-siamo":               {"/admin/chi-siamo", 303},
	"POST /admin/chi-siamo":              {"/admin/chi-siamo", 303},
}

// postEmpty submits an empty form, as a visitor without a session would.
func postEmpty(t *testing.T, s *Site, path string) *http.Response {
	t.Helper()
	Client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := Client.Post(s.URL+path, "application/x-www-form-urlencoded", strings.NewReader(""))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res
}

// preflight sends a CORS preflight request, as a browser on another origin would.
func preflight(t *testing.T, s *Site, path string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodOptions, s.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Origin", "https://example.org")
	req.Header.Set("Access-Control-Request-Method", "GET")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res
}

var routePattern = regexp.MustCompile(`mux\.Handle(?:Func)?\("([^"]+)"`)

func TestEveryRouteIsChecked(t *testing.T) {
	src, err := os.ReadFile("routes.go")
	if err != nil {
		t.Fatal(err)
	}
	found := routePattern.FindAllStringSubmatch(string(src), -1)
	if len(found) < len(routeChecks) {
		t.Fatalf("found %d routes in routes.go, fewer than the %d checked: is the pattern still right?", len(found), len(routeChecks))
	}
	for _, m := range found {
		if _, ok := routeChecks[m[1]]; !ok {
			t.Errorf("route %q in routes.go has no entry in routeChecks (routes_test.go) and so no HTTP test", m[1])
		}
	}
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		for pattern, c := range routeChecks {
			path := c.path
			if path == "" {
				_, body := s.Get(t, "/")
				for _, l := range ParseDOM(t, body).Tag("link") {
					if l.Attr("rel") == "stylesheet" {
						path = l.Attr("href")
						break
					}
				}
			}
			var res *http.Response
			switch {
			case strings.HasPrefix(pattern, "OPTIONS "):
				res = preflight(t, s, path)
			case strings.HasPrefix(pattern, "POST "):
				res = postEmpty(t, s, path)
			default:
				res, _ = Fetch(t, s, path, nil)
			}
			if res.StatusCode != c.status {
				t.Errorf("%s: %s = %d, want %d", pattern, path, res.StatusCode, c.status)
			}
		}
	})
}
