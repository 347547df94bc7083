// The home page is the dashboard: the figures rendered in tables (readable without a script), the
// chart data embedded as JSON the page's script reads, the period form and its errors, French and
// English, for every role.
#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "tests/support/test_app.hpp"

namespace comptoir::testing {
namespace {

using nlohmann::json;

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

// "1 234,56 €" as the page writes it: narrow no-break space between thousands, no-break space before €.
std::string eur_fr(const std::string& units, const std::string& cents) {
    std::string grouped;
    for (std::size_t i = 0; i < units.size(); ++i) {
        if (i > 0 && (units.size() - i) % 3 == 0) grouped += "\u202f";
        grouped += units[i];
    }
    return grouped + "," + cents + "\u00a0€";
}

// The JSON embedded for the charts.
json chart_data(const std::string& page) {
    const std::string open = "<script type=\"application/json\" id=\"dashboard-data\">";
    auto start = page.find(open);
    if (start == std::string::npos) return json();
    start += open.size();
    auto end = page.find("</script>", start);
    return json::parse(page.substr(start, end - start), nullptr, false);
}

class DashboardPage : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        SKIP_UNLESS_AVAILABLE(GetParam());
        app = std::make_unique<TestApp>(GetParam());
        acme = app->create_company("Acme", "admin@acme.test");
        app->identify_company(acme);
        app->add_user(acme, "lecture@acme.test", "read_only", kPassword);
    }

    std::int64_t client(const std::string& name) {
        auto c = app->api("POST", "/api/v1/clients", acme.admin_token, json{{"legal_name", name}, {"siren", valid_siren(name)}});
        EXPECT_EQ(c.status, 201) << c.body;
        return c.json()["id"].get<std::int64_t>();
    }
    json invoice(std::int64_t client_id, const std::string& excl_vat, const std::string& due_date) {
        auto d = app->api("POST", "/api/v1/documents", acme.admin_token,
                          json{{"type", "invoice"},
                               {"client_id", client_id},
                               {"due_date", due_date},
                               {"lines", json::array({{{"description", "Travaux"}, {"unit_price", excl_vat}, {"vat_rate", "20"}}})}});
        EXPECT_EQ(d.status, 201) << d.body;
        auto v = app->api("POST", "/api/v1/documents/" + std::to_string(d.json()["id"].get<std::int64_t>()) + "/validate",
                          acme.admin_token, json::object());
        EXPECT_EQ(v.status, 200) << v.body;
        return v.json();
    }
    std::unique_ptr<WebSession> reader() {
        auto s = std::make_unique<WebSession>(*app);
        EXPECT_EQ(s->login("lecture@acme.test", kPassword).status, 303);
        return s;
    }

    static constexpr const char* kPassword = "correct horse battery";
    std::unique_ptr<TestApp> app;
    TestCompany acme;
};

TEST_P(DashboardPage, TheHomePageShowsTheFiguresAndTheirChartData) {
    auto martin = client("Boulangerie <Martin> & Fils");
    auto inv = invoice(martin, "1000", today_paris());  // 1 200,00 € due today: outstanding, not overdue
    auto paid = app->api("POST", "/api/v1/payments", acme.admin_token,
                         json{{"client_id", martin}, {"amount", "200"}, {"method", "cheque"},
                              {"allocations", json::array({{{"document_id", inv["id"]}, {"amount", "200"}}})}});
    ASSERT_EQ(paid.status, 201) << paid.body;

    auto page = reader()->get("/");
    ASSERT_EQ(page.status, 200);
    const auto& html = page.body;
    EXPECT_TRUE(contains(html, "<h1>Tableau de bord</h1>"));
    EXPECT_TRUE(contains(html, "Bonjour"));
    EXPECT_TRUE(contains(html, "Acme"));
    EXPECT_TRUE(contains(html, "aria-current=\"page\""));  // the home entry of the navigation is this page
    // Key figures, in French.
    EXPECT_TRUE(contains(html, eur_fr("1000", "00"))) << "invoiced excl. VAT";
    EXPECT_TRUE(contains(html, eur_fr("1200", "00"))) << "invoiced incl. VAT";
    EXPECT_TRUE(contains(html, eur_fr("200", "00"))) << "collected";
    EXPECT_TRUE(contains(html, eur_fr("1000", "00"))) << "outstanding";
    // The tables that repeat the charts, with their captions and headers.
    EXPECT_TRUE(contains(html, "<caption class=\"visually-hidden\">Facturé et encaissé par mois</caption>"));
    EXPECT_TRUE(contains(html, "<caption class=\"visually-hidden\">Encours par ancienneté</caption>"));
    EXPECT_TRUE(contains(html, "<th scope=\"col\" class=\"num\">Facturé TTC</th>"));
    EXPECT_TRUE(contains(html, "Non échu"));
    // The top client links to its card, its name escaped.
    EXPECT_TRUE(contains(html, "<a href=\"/clients/" + std::to_string(martin) + "\">Boulangerie &lt;Martin&gt; &amp; Fils</a>"));
    EXPECT_FALSE(contains(html, "<Martin>"));
    // Scripts from the server's own origin only (the CSP forbids inline scripts): the data is JSON.
    EXPECT_TRUE(contains(html, "<script src=\"/static/vendor/chart.umd.min.js\" defer></script>"));
    EXPECT_TRUE(contains(html, "<script src=\"/static/dashboard.js\" defer></script>"));
    auto data = chart_data(html);
    ASSERT_TRUE(data.is_object()) << "chart data missing or not JSON";
    EXPECT_EQ(data["locale"], "fr-FR");
    ASSERT_EQ(data["monthly"]["labels"].size(), 12u);
    EXPECT_EQ(data["monthly"]["invoiced"].back(), 120000);  // cents
    EXPECT_EQ(data["monthly"]["collected"].back(), 20000);
    EXPECT_EQ(data["cumulative"]["invoiced"].back(), 120000);
    EXPECT_EQ(data["ageing"]["codes"][0], "not_due");
    EXPECT_EQ(data["ageing"]["amounts"][0], 100000);
    EXPECT_EQ(data["monthly"]["invoiced_label"], "Facturé TTC");

    // The assets the page loads are served.
    EXPECT_EQ(app->raw("GET", "/static/dashboard.js", "", {}).status, 200);
    auto chart = app->raw("GET", "/static/vendor/chart.umd.min.js", "", {});
    EXPECT_EQ(chart.status, 200);
    EXPECT_TRUE(contains(chart.body, "Chart"));
}

TEST_P(DashboardPage, APeriodIsChosenAndAWrongOneIsNamed) {
    auto browser = reader();
    auto last_year = browser->get("/?period=last_year");
    ASSERT_EQ(last_year.status, 200);
    EXPECT_TRUE(contains(last_year.body, "<option value=\"last_year\" selected>"));
    const std::string year = std::to_string(std::stoi(today_paris().substr(0, 4)) - 1);
    EXPECT_TRUE(contains(last_year.body, "décembre " + year));
    EXPECT_TRUE(contains(last_year.body, "janvier " + year));

    auto custom = browser->get("/?period=custom&from=2025-03-10&to=2025-05-02");
    ASSERT_EQ(custom.status, 200);
    EXPECT_TRUE(contains(custom.body, "<option value=\"custom\" selected>"));
    EXPECT_TRUE(contains(custom.body, "value=\"2025-03-10\""));
    EXPECT_EQ(chart_data(custom.body)["monthly"]["labels"], (json{"mars 25", "avr. 25", "mai 25"}));

    auto reversed = browser->get("/?period=custom&from=2026-03-01&to=2026-02-01");
    EXPECT_EQ(reversed.status, 422);
    EXPECT_TRUE(contains(reversed.body, "La fin de la période précède son début."));
    EXPECT_TRUE(contains(reversed.body, "id=\"to\" name=\"to\" value=\"2026-02-01\" aria-invalid=\"true\" aria-describedby=\"to-error\""));
    EXPECT_TRUE(contains(reversed.body, "value=\"2026-03-01\""));  // what was typed stays
    EXPECT_EQ(chart_data(reversed.body)["monthly"]["labels"].size(), 12u);  // with the default period's figures

    auto unknown = browser->get("/?period=%3Cscript%3E");
    EXPECT_EQ(unknown.status, 422);
    EXPECT_TRUE(contains(unknown.body, "aria-describedby=\"period-error\""));
    EXPECT_FALSE(contains(unknown.body, "<script>"));
}

TEST_P(DashboardPage, InEnglishForAnEnglishSpeaker) {
    identity::AddUserInput input;
    input.company_id = acme.id;
    input.email = "anna@acme.test";
    input.name = "Anna";
    input.role = Role::Accountant;
    input.password = kPassword;
    input.locale = "en";
    ASSERT_TRUE(app->app().identity().add_user(input));
    invoice(client("Plomberie Dupont"), "1234.5", today_paris());
    WebSession anna(*app);
    ASSERT_EQ(anna.login("anna@acme.test", kPassword).status, 303);
    auto page = anna.get("/");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "<h1>Dashboard</h1>"));
    EXPECT_TRUE(contains(page.body, "Hello Anna"));
    EXPECT_TRUE(contains(page.body, "€1,234.50"));
    EXPECT_TRUE(contains(page.body, "Receivables by age"));
    EXPECT_EQ(chart_data(page.body)["locale"], "en-GB");
}

TEST_P(DashboardPage, ANewCompanyIsAskedForItsIdentityBeforeItsFirstInvoice) {
    auto beta = app->create_company("Beta", "admin@beta.test");  // as `comptoir init` leaves it: a name
    app->add_user(beta, "lecture@beta.test", "read_only", kPassword);
    WebSession admin(*app);
    ASSERT_EQ(admin.login("admin@beta.test", beta.admin_password).status, 303);
    auto page = admin.get("/");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "id=\"identity-missing\"")) << page.body;
    EXPECT_TRUE(contains(page.body, "Il manque : le SIREN et l&apos;adresse complète.")) << page.body;
    EXPECT_TRUE(contains(page.body, "href=\"/admin/company\""));
    WebSession reader(*app);
    ASSERT_EQ(reader.login("lecture@beta.test", kPassword).status, 303);
    auto read = reader.get("/");
    EXPECT_TRUE(contains(read.body, "id=\"identity-missing\""));
    EXPECT_FALSE(contains(read.body, "href=\"/admin/company\"")) << "only admins change the company";
    app->identify_company(beta);
    EXPECT_FALSE(contains(admin.get("/").body, "identity-missing"));
    EXPECT_FALSE(contains(reader.get("/").body, "identity-missing"));
}

INSTANTIATE_TEST_SUITE_P(Backends, DashboardPage, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace comptoir::testing
