#include "modules/dashboard/http/dashboard_page.hpp"

#include <array>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "modules/identity/service/company_service.hpp"

namespace comptoir::dashboard {
namespace {

using http::PageContext;
using nlohmann::json;

constexpr std::array<const char*, 12> kMonthsFr = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                                   "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
constexpr std::array<const char*, 12> kShortMonthsFr = {"janv.", "févr.", "mars", "avr.", "mai",  "juin",
                                                        "juil.", "août",  "sept.", "oct.", "nov.", "déc."};
constexpr std::array<const char*, 12> kMonthsEn = {"January", "February", "March",     "April",   "May",      "June",
                                                   "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<const char*, 12> kShortMonthsEn = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string tr(const PageContext& ctx, const std::string& key) { return ctx.t("dashboard." + key); }

std::string money(const PageContext& ctx, Money m) { return ctx.locale() == "en" ? m.to_display_en() : m.to_display_fr(); }

// "2026-03" → "mars 2026" / "March 2026" (short: "mars 26" / "Mar 26" for chart axes).
std::string month_label(const PageContext& ctx, const std::string& month, bool short_form) {
    const int index = std::stoi(month.substr(5, 2)) - 1;
    const bool en = ctx.locale() == "en";
    const char* name = short_form ? (en ? kShortMonthsEn : kShortMonthsFr)[index] : (en ? kMonthsEn : kMonthsFr)[index];
    return std::string(name) + " " + (short_form ? month.substr(2, 2) : month.substr(0, 4));
}

std::string replace(std::string text, const std::string& key, const std::string& value) {
    if (auto at = text.find(key); at != std::string::npos) text.replace(at, key.size(), value);
    return text;
}

json period_form(const PageContext& ctx, const PeriodRequest& asked, const Period& shown, const json& errors) {
    const std::string selected = asked.preset.empty() ? std::string(to_code(shown.preset)) : asked.preset;
    json presets = json::array();
    for (const char* p : {"last_12_months", "this_year", "last_year", "custom"})
        presets.push_back({{"value", p}, {"label", tr(ctx, std::string("period.") + p)}, {"selected", selected == p}});
    const bool custom = selected == "custom";
    auto error = [&](const char* field) { return errors.contains(field) ? errors[field] : json(nullptr); };
    return {{"presets", presets},
            // A failed custom period keeps what was typed; otherwise the dates of the period shown.
            {"from", custom ? asked.from : shown.from},
            {"to", custom ? asked.to : shown.to},
            {"period_error", error("period")},
            {"from_error", error("from")},
            {"to_error", error("to")},
            {"range", replace(replace(tr(ctx, "period.range"), "{from}", display_date(shown.from, ctx.locale())), "{to}",
                              display_date(shown.to, ctx.locale()))}};
}

json page_data(const PageContext& ctx, const Dashboard& d) {
    json months = json::array(), labels = json::array(), invoiced = json::array(), collected = json::array(),
         cumulative_invoiced = json::array(), cumulative_collected = json::array();
    Money run_invoiced, run_collected, refunded;
    for (const auto& m : d.months) {
        run_invoiced += m.invoiced_incl_vat;
        run_collected += m.collected();
        refunded += m.refunded;
        months.push_back({{"label", month_label(ctx, m.month, false)},
                          {"invoiced_excl", money(ctx, m.invoiced_excl_vat)},
                          {"invoiced_incl", money(ctx, m.invoiced_incl_vat)},
                          {"collected", money(ctx, m.collected())},
                          {"refunded", m.refunded.is_zero() ? json(nullptr) : json(money(ctx, m.refunded))},
                          {"cumulative_invoiced", money(ctx, run_invoiced)},
                          {"cumulative_collected", money(ctx, run_collected)}});
        labels.push_back(month_label(ctx, m.month, true));
        // Cents: the script divides by 100 only to draw and to print with the locale's format.
        invoiced.push_back(m.invoiced_incl_vat.cents());
        collected.push_back(m.collected().cents());
        cumulative_invoiced.push_back(run_invoiced.cents());
        cumulative_collected.push_back(run_collected.cents());
    }
    json ageing = json::array(), ageing_labels = json::array(), ageing_amounts = json::array(),
         ageing_codes = json::array();
    for (const auto& a : d.receivables.ageing) {
        const std::string code(to_code(a.bucket));
        const std::string label = tr(ctx, "ageing." + code);
        ageing.push_back({{"code", code},
                          {"label", label},
                          {"invoices", a.invoices},
                          {"amount", money(ctx, a.amount)},
                          {"late", a.bucket != AgeBucket::NotDue && !a.amount.is_zero()}});
        ageing_labels.push_back(label);
        ageing_amounts.push_back(a.amount.cents());
        ageing_codes.push_back(code);
    }
    json top = json::array();
    for (std::size_t i = 0; i < d.top_clients.size(); ++i) {
        const auto& c = d.top_clients[i];
        top.push_back({{"rank", i + 1},
                       {"id", c.client_id},
                       {"name", c.name},
                       {"invoiced_excl", money(ctx, c.invoiced_excl_vat)},
                       {"invoiced_incl", money(ctx, c.invoiced_incl_vat)},
                       {"outstanding", money(ctx, c.outstanding)},
                       {"owes", c.outstanding.cents() > 0}});
    }
    const auto& r = d.receivables;
    const auto count = [&](std::int64_t n, const char* one, const char* many) {
        return std::to_string(n) + " " + tr(ctx, n == 1 ? one : many);
    };
    json chart = {{"locale", ctx.locale() == "en" ? "en-GB" : "fr-FR"},
                  {"currency", "EUR"},
                  {"monthly",
                   {{"labels", labels},
                    {"invoiced", invoiced},
                    {"collected", collected},
                    {"invoiced_label", tr(ctx, "monthly.invoiced_series")},
                    {"collected_label", tr(ctx, "monthly.collected_series")}}},
                  {"cumulative",
                   {{"labels", labels},
                    {"invoiced", cumulative_invoiced},
                    {"collected", cumulative_collected},
                    {"invoiced_label", tr(ctx, "cumulative.invoiced")},
                    {"collected_label", tr(ctx, "cumulative.collected")}}},
                  {"ageing", {{"labels", ageing_labels}, {"amounts", ageing_amounts}, {"codes", ageing_codes}}}};
    return {{"kpi",
             {{"invoiced_excl", money(ctx, d.invoiced_excl_vat())},
              {"invoiced_incl", money(ctx, d.invoiced_incl_vat())},
              {"collected", money(ctx, d.collected())},
              {"outstanding", money(ctx, r.outstanding())},
              {"outstanding_count", count(r.invoices(), "kpi.invoice", "kpi.invoices")},
              {"overdue", money(ctx, r.overdue())},
              {"overdue_count", count(r.overdue_invoices(), "kpi.invoice", "kpi.invoices")},
              {"has_overdue", r.overdue().cents() > 0},
              {"quotes_count", count(d.open_quotes.count, "kpi.quotes", "kpi.quotes")},
              {"quotes_amount", money(ctx, d.open_quotes.amount_excl_vat)}}},
            {"months", months},
            {"months_total",
             {{"invoiced_excl", money(ctx, d.invoiced_excl_vat())},
              {"invoiced_incl", money(ctx, d.invoiced_incl_vat())},
              {"collected", money(ctx, d.collected())},
              {"refunded", refunded.is_zero() ? json(nullptr) : json(money(ctx, refunded))}}},
            {"ageing", ageing},
            {"ageing_total", {{"invoices", r.invoices()}, {"amount", money(ctx, r.outstanding())}}},
            {"overdue_total", {{"invoices", r.overdue_invoices()}, {"amount", money(ctx, r.overdue())}}},
            {"has_receivables", r.invoices() > 0},
            {"as_of", replace(tr(ctx, "period.as_of"), "{date}", display_date(d.as_of, ctx.locale()))},
            {"top", top},
            {"has_top", !top.empty()},
            {"chart_json", script_safe_json(chart)}};
}

}  // namespace

std::string script_safe_json(const nlohmann::json& value) {
    const std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '<') out += "\\u003c";
        else if (c == '>') out += "\\u003e";
        else if (c == '&') out += "\\u0026";
        else out += c;
    }
    return out;
}

void register_dashboard_page(http::WebServer& web, DashboardService& service, identity::CompanyService& companies) {
    web.add_nav({"home", "dashboard.nav.home", "/", "home", false, 0});
    web.page(http::Method::Get, "/", [&service, &companies](PageContext& ctx) {
        auto company = companies.get(ctx.actor());
        if (!company) return ctx.error_page(company.error());
        const PeriodRequest asked{ctx.param("period"), ctx.param("from"), ctx.param("to")};
        int status = 200;
        json errors = json::object();
        auto figures = service.figures(ctx.actor(), asked);
        if (!figures) {
            if (figures.error().kind != ErrorKind::Invalid) return ctx.error_page(figures.error());
            // The default period's figures, with the message under the wrong field.
            errors = ctx.field_errors(figures.error());
            status = 422;
            figures = service.figures(ctx.actor(), {});
            if (!figures) return ctx.error_page(figures.error());
        }
        json data = page_data(ctx, *figures);
        data["company"] = {{"name", company->fields.name}, {"has_logo", !company->logo_file.empty()}};
        // What every invoice must carry and a new company has not filled in yet (e-invoicing refuses
        // to issue without it): said here first, rather than at the first validation.
        const auto& f = company->fields;
        std::vector<std::string> missing;
        if (f.siren.empty()) missing.push_back(tr(ctx, "identity.siren"));
        if (f.address_line1.empty() || f.postal_code.empty() || f.city.empty()) missing.push_back(tr(ctx, "identity.address"));
        if (!missing.empty()) {
            std::string listed = missing[0];  // "le SIREN et l'adresse complète"
            for (std::size_t i = 1; i < missing.size(); ++i)
                listed += (i + 1 == missing.size() ? " " + tr(ctx, "identity.and") + " " : ", ") + missing[i];
            data["identity"] = {{"missing", listed}, {"can_fill", ctx.actor().is_admin()}};
        }
        data["period"] = period_form(ctx, asked, figures->period, errors);
        ctx.render_page("dashboard/dashboard", data, tr(ctx, "title"), "home", status);
    });
}

}  // namespace comptoir::dashboard
