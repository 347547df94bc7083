#include "modules/sales/pdf/sample_documents.hpp"

#include <cairo.h>
#include <cmath>
#include <map>

namespace comptoir::sales::pdf::samples {

namespace {

constexpr const char* kNnbsp = "\u202f";
constexpr const char* kNbsp = "\u00a0";

long long round_div(long long a, long long b) { return a >= 0 ? (a + b / 2) / b : -((-a + b / 2) / b); }

// "2,5" from hundredths.
std::string quantity_text(long long hundredths) {
    std::string s = std::to_string(hundredths / 100);
    long long frac = hundredths % 100;
    if (frac != 0) {
        s += ',';
        s += std::to_string(frac / 10);
        if (frac % 10 != 0) s += std::to_string(frac % 10);
    }
    return s;
}

struct Item {
    std::string ref;
    std::string description;
    long long quantity;  // hundredths
    std::string unit;
    long long price;     // cents
    int discount;        // percent
    int vat;             // tenths of a percent: 200 = 20 %
};

std::string rate_text(int tenths) {
    std::string s = std::to_string(tenths / 10);
    if (tenths % 10) s += "," + std::to_string(tenths % 10);
    return s + kNbsp + "%";
}

// Accumulates lines, per-rate bases and the document total.
struct Builder {
    PrintableDocument doc;
    std::map<int, long long> bases;  // rate → net
    long long section_total = 0;
    long long net_total = 0;

    void section(const char* title) {
        doc.lines.push_back({LineKind::section, "", title});
        section_total = 0;
    }
    void item(const Item& it) {
        long long gross = round_div(it.quantity * it.price, 100);
        long long net = round_div(gross * (100 - it.discount), 100);
        PrintableLine line;
        line.reference = it.ref;
        line.description = it.description;
        line.quantity = quantity_text(it.quantity);
        line.unit = it.unit;
        line.unit_price = euros(it.price);
        if (it.discount) line.discount = std::to_string(it.discount) + kNbsp + "%";
        line.vat_rate = rate_text(it.vat);
        line.total = euros(net);
        doc.lines.push_back(std::move(line));
        bases[it.vat] += net;
        section_total += net;
        net_total += net;
    }
    void subtotal(const std::string& label) {
        doc.lines.push_back({LineKind::subtotal, "", label, "", "", "", "", "", euros(section_total)});
    }
    void note(const char* text) { doc.lines.push_back({LineKind::note, "", text}); }

    // VAT per rate on the sum of the lines at that rate, then the totals rows.
    void totals(long long deposit, const std::string& deposit_label) {
        long long vat_total = 0;
        doc.totals.push_back({"Total HT", euros(net_total)});
        for (const auto& [rate, base] : bases) {
            long long vat = round_div(base * rate, 1000);
            vat_total += vat;
            doc.vat_summary.push_back({rate_text(rate), euros(base), euros(vat)});
            doc.totals.push_back({"TVA " + rate_text(rate), euros(vat)});
        }
        long long ttc = net_total + vat_total;
        doc.totals.push_back({"Total TTC", euros(ttc), Emphasis::strong});
        if (deposit > 0) doc.totals.push_back({deposit_label, "\u2212" + std::string(kNbsp) + euros(deposit)});
        doc.totals.push_back({"Net à payer", euros(ttc - deposit), Emphasis::grand});
    }
};

void seller_and_client(PrintableDocument& d) {
    d.seller.name = "Martin & Fils Plomberie Menuiserie";
    d.seller.legal_form = "SARL";
    d.seller.share_capital = "15" + std::string(kNnbsp) + "000" + kNbsp + "€";
    d.seller.address_lines = {"14 rue des Tanneurs", "69007 Lyon"};
    d.seller.siren = "512 345 678";
    d.seller.siret = "512 345 678 00024";
    d.seller.rcs_city = "Lyon";
    d.seller.vat_number = "FR45 512345678";
    d.seller.phone = "04 78 12 34 56";
    d.seller.email = "contact@martin-fils.fr";
    d.seller.website = "www.martin-fils.fr";
    d.seller.logo = logo_png();

    d.client.name = "SCI Les Tilleuls";
    d.client.address_lines = {"À l'attention de Mme Éloïse Marchand", "27 avenue Jean Jaurès", "69007 Lyon"};
    d.client.siren = "834 129 657";
    d.client.vat_number = "FR12 834129657";

    d.payment.terms = "30 jours à compter de la date d'émission";
    d.payment.method = "Virement bancaire";
    d.payment.bank_name = "Société Générale";
    d.payment.iban = "FR76 3000 3012 3400 0204 5678 912";
    d.payment.bic = "SOGEFRPP";

    d.legal_mentions = {
        "En cas de retard de paiement, une pénalité égale à trois fois le taux d'intérêt légal est exigible dès le "
        "lendemain de la date d'échéance, ainsi qu'une indemnité forfaitaire pour frais de recouvrement de 40" +
            std::string(kNbsp) + "€ (articles L441-10 et D441-5 du Code de commerce). Pas d'escompte pour "
                                 "paiement anticipé.",
        "TVA au taux réduit de 10" + std::string(kNbsp) +
            "% : travaux dans des locaux d'habitation achevés depuis plus de deux ans (article 279-0 bis du CGI).",
        "Option pour le paiement de la taxe d'après les débits.",
    };
    d.footer = "Assurance décennale MAAF Pro, contrat n° 145 887 236 M, couverture France métropolitaine";
}

}  // namespace

std::string euros(long long cents) {
    bool negative = cents < 0;
    unsigned long long v = negative ? -static_cast<unsigned long long>(cents) : static_cast<unsigned long long>(cents);
    std::string units = std::to_string(v / 100);
    std::string grouped;
    for (size_t i = 0; i < units.size(); ++i) {
        if (i > 0 && (units.size() - i) % 3 == 0) grouped += kNnbsp;
        grouped += units[i];
    }
    unsigned long long c = v % 100;
    std::string out = negative ? "-" : "";
    out += grouped + "," + (c < 10 ? "0" : "") + std::to_string(c) + kNbsp + "€";
    return out;
}

PrintableDocument joinery_invoice() {
    Builder b;
    PrintableDocument& d = b.doc;
    d.kind_label = "FACTURE";
    d.number = "FA-2026-00042";
    d.issue_date = "09/03/2026";
    d.due_date = "08/04/2026";
    d.header_fields = {{"Date des travaux", "du 02/03 au 06/03/2026"}, {"Numéro client", "C-00412"}};
    d.subject = "Rénovation de la salle de bains et pose d'une porte intérieure";
    d.reference_lines = {"Devis d'origine : DE-2026-0012 du 20/01/2026", "Votre commande : BC-7781"};
    d.operation = Operation::mixed;
    seller_and_client(d);
    d.delivery_address = {"Résidence Les Tilleuls, bâtiment B", "27 avenue Jean Jaurès", "69007 Lyon"};
    d.payment.due_date = d.due_date;

    b.section("Fournitures");
    b.item({"CET-200", "Chauffe-eau thermodynamique 200 L\nAtlantic Explorer V4, COP 3,2, garantie cuve 5 ans", 100,
            "u", 189000, 0, 100});
    b.item({"MIT-800", "Mitigeur thermostatique de douche\nGrohe Grohtherm 800, finition chromée", 200, "u", 18950, 0,
            100});
    b.item({"PER-16", "Tube PER nu Ø 16 mm", 5000, "m", 185, 0, 100});
    b.item({"RAC-LTN", "Lot de raccords laiton à sertir", 100, "lot", 6400, 0, 100});
    b.item({"POR-CH83", "Porte intérieure chêne massif 83 × 204 cm\nHuisserie incluse, quincaillerie laiton vieilli",
            100, "u", 54500, 5, 100});
    b.item({"PLI-70", "Plinthes MDF prépeintes 70 mm", 2400, "ml", 640, 0, 100});
    b.subtotal("Sous-total Fournitures");
    b.section("Main d'œuvre");
    b.item({"MO-PLB", "Dépose et évacuation de l'ancien chauffe-eau", 100, "forfait", 18000, 0, 100});
    b.item({"MO-PLB", "Pose et raccordement du chauffe-eau thermodynamique\nMise en service, réglages et contrôle "
                      "d'étanchéité",
            600, "h", 5800, 0, 100});
    b.item({"MO-PLB", "Remplacement des mitigeurs de douche", 200, "h", 5800, 0, 100});
    b.item({"MO-MEN", "Pose et ajustement de la porte intérieure", 350, "h", 5200, 0, 100});
    b.item({"MO-MEN", "Pose des plinthes et joints acryliques", 400, "h", 5200, 0, 100});
    b.item({"DEP", "Déplacement et frais de chantier", 100, "forfait", 4500, 0, 200});
    b.subtotal("Sous-total Main d'œuvre");
    b.totals(120000, "Acompte versé, facture FA-2026-00031");
    return d;
}

PrintableDocument long_invoice(int items) {
    static const char* kSections[] = {"Gros œuvre", "Plomberie sanitaire", "Menuiseries intérieures",
                                      "Électricité", "Peinture et finitions", "Évacuation et nettoyage"};
    static const char* kThings[] = {"Fourniture et pose de cloison placo BA13",
                                    "Remplacement de robinet d'arrêt ¼ de tour",
                                    "Ponçage et vitrification de parquet chêne",
                                    "Création d'une prise 16 A avec terre",
                                    "Peinture acrylique mate, deux couches, murs et plafonds",
                                    "Fourniture de quincaillerie inox, vis et chevilles"};
    Builder b;
    PrintableDocument& d = b.doc;
    d.kind_label = "FACTURE";
    d.number = "FA-2026-00107";
    d.issue_date = "31/03/2026";
    d.due_date = "30/04/2026";
    d.subject = "Réhabilitation complète d'un appartement, 3 rue de la République, Lyon 2e";
    d.reference_lines = {"Devis d'origine : DE-2026-0044 du 02/02/2026"};
    d.operation = Operation::mixed;
    seller_and_client(d);
    d.payment.due_date = d.due_date;
    for (int i = 0; i < items; ++i) {
        if (i % 15 == 0) {
            if (i > 0) b.subtotal(std::string("Sous-total ") + kSections[(i / 15 - 1) % 6]);
            b.section(kSections[(i / 15) % 6]);
            if (i % 30 == 15) b.note("Travaux réalisés selon le planning validé en réunion de chantier.");
        }
        std::string description = std::string("Article n° ") + std::to_string(i + 1) + " : " + kThings[i % 6];
        if (i % 3 == 0) description += "\nDétail " + std::to_string(i + 1) + " : selon plan et métré contradictoire";
        if (i % 7 == 0) {
            description += ", matériaux conformes aux normes NF et DTU en vigueur, protection des sols et des "
                           "mobiliers, nettoyage quotidien du chantier";
        }
        b.item({"REF-" + std::to_string(1000 + i), description, 100 + (i % 5) * 150, i % 2 ? "h" : "u", 2500 + (i * 731) % 40000,
                i % 11 == 0 ? 10 : 0, i % 4 == 0 ? 200 : 100});
    }
    if (items > 0) b.subtotal(std::string("Sous-total ") + kSections[((items - 1) / 15) % 6]);
    b.totals(0, "");
    return d;
}

std::string logo_png() {
    // An emblem (rounded square, a drop and a saw tooth) and a two-tone wordmark.
    constexpr int w = 560, h = 160;
    cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    cairo_t* cr = cairo_create(s);
    double r = 26;
    cairo_new_sub_path(cr);
    cairo_arc(cr, 150 - r, 10 + r, r, -M_PI / 2, 0);
    cairo_arc(cr, 150 - r, 150 - r, r, 0, M_PI / 2);
    cairo_arc(cr, 10 + r, 150 - r, r, M_PI / 2, M_PI);
    cairo_arc(cr, 10 + r, 10 + r, r, M_PI, 3 * M_PI / 2);
    cairo_close_path(cr);
    cairo_set_source_rgb(cr, 0x24 / 255.0, 0x50 / 255.0, 0x8f / 255.0);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_move_to(cr, 80, 38);
    cairo_curve_to(cr, 80, 38, 116, 80, 116, 102);
    cairo_curve_to(cr, 116, 124, 98, 134, 80, 134);
    cairo_curve_to(cr, 62, 134, 44, 124, 44, 102);
    cairo_curve_to(cr, 44, 80, 80, 38, 80, 38);
    cairo_fill(cr);
    cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_font_size(cr, 58);
    cairo_set_source_rgb(cr, 0x1f / 255.0, 0x29 / 255.0, 0x33 / 255.0);
    cairo_move_to(cr, 176, 92);
    cairo_show_text(cr, "MARTIN");
    cairo_set_source_rgb(cr, 0x24 / 255.0, 0x50 / 255.0, 0x8f / 255.0);
    cairo_set_font_size(cr, 30);
    cairo_move_to(cr, 178, 134);
    cairo_show_text(cr, "& FILS  ·  depuis 1987");
    cairo_destroy(cr);
    std::string png;
    cairo_surface_write_to_png_stream(
        s,
        [](void* closure, const unsigned char* data, unsigned int length) {
            static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
            return CAIRO_STATUS_SUCCESS;
        },
        &png);
    cairo_surface_destroy(s);
    return png;
}

}  // namespace comptoir::sales::pdf::samples
