// An invoice as EN 16931 sees it: the semantic model (business terms BT-x, groups BG-x) that both
// syntaxes carry — UN/CEFACT CII (Factur-X) and UBL 2.1. What Comptoir emits is built into it from
// an issued document (from_document.hpp); what suppliers send is read into it (xml/…_reader). The
// business rules (rules.hpp) and the writers work on it alone, so they are the same for both ways.
//
// Amounts are Decimal, not Money: a received invoice may (wrongly) carry more than two decimals,
// and the rules must be able to say so (BR-DEC-*) rather than lose it in a conversion. What
// Comptoir emits always has exactly two. Dates are ISO "YYYY-MM-DD" ("" when absent).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/money/decimal.hpp"

namespace comptoir::einvoice {

// Factur-X profiles (BT-24). Comptoir emits MINIMUM, BASIC or EN 16931 (the company's choice,
// EN 16931 by default) and reads all five.
enum class Profile { Minimum, BasicWl, Basic, En16931, Extended };

std::string_view to_code(Profile p);            // "minimum", "basic_wl", "basic", "en16931", "extended"
std::optional<Profile> parse_profile(std::string_view code);
std::string_view guideline_id(Profile p);       // BT-24 value
std::string_view conformance_level(Profile p);  // the XMP fx:ConformanceLevel: "MINIMUM", "BASIC WL", "BASIC", "EN 16931", "EXTENDED"
// The profile of a BT-24 identifier: Factur-X's, ZUGFeRD 2's, XRechnung's and Peppol's; nullopt otherwise.
std::optional<Profile> profile_of_guideline(std::string_view bt24);
// For an identifier not recognised, the closest profile (to go on reading; the rules report BR-01).
Profile guess_profile(std::string_view bt24);
// Profiles without lines and VAT breakdown: not EN 16931 invoices.
inline bool has_lines(Profile p) { return p != Profile::Minimum && p != Profile::BasicWl; }

struct Address {
    std::string line1, line2, line3;  // BT-35..37 / BT-50..52 / BT-75..77
    std::string city;                 // BT-37 …
    std::string postal_code;
    std::string subdivision;
    std::string country;  // ISO 3166-1 alpha-2 (BT-40 / BT-55 / BT-80)

    bool empty() const { return line1.empty() && line2.empty() && line3.empty() && city.empty() && postal_code.empty() && country.empty(); }
};

struct Identifier {
    std::string value;
    std::string scheme;  // ISO 6523 ICD: "0002" SIREN, "0009" SIRET, "0225" French annuaire…; "" none
};

struct Party {
    std::string name;          // BT-27 / BT-44
    std::string trading_name;  // BT-28 / BT-45
    std::vector<Identifier> ids;  // BT-29 / BT-46 (SIRET with scheme 0009)
    Identifier legal_id;       // BT-30 / BT-47 (SIREN, scheme 0002)
    std::string vat_id;        // BT-31 / BT-48
    std::string tax_registration_id;  // BT-32 (seller only, scheme FC)
    std::string legal_info;    // BT-33: legal form, capital, RCS
    Identifier electronic_address;  // BT-34 / BT-49
    Address address;           // BG-5 / BG-8
    std::string contact_name, contact_phone, contact_email;  // BG-6 / BG-9
};

// BG-1: a note, with its subject (UNTDID 4451: "PMD", "PMT", "AAB", "REG", "AAI", "BAR"…).
struct Note {
    std::string subject;
    std::string text;
};

// BG-3: a preceding invoice (a credit note's invoice; a final invoice's deposits).
struct PrecedingInvoice {
    std::string number;      // BT-25
    std::string issue_date;  // BT-26
};

// BG-20 / BG-21 (document level) and BG-27 / BG-28 (line level).
struct AllowanceCharge {
    bool charge = false;  // false: allowance (remise), true: charge (frais)
    Decimal amount;       // BT-92 / BT-99 / BT-136 / BT-141
    std::optional<Decimal> base;     // BT-93 …
    std::optional<Decimal> percent;  // BT-94 …
    std::string reason;              // BT-97 …
    std::string reason_code;         // BT-98 … (UNTDID 5189 / 7161)
    std::string vat_category;        // BT-95 / BT-102 (document level only)
    std::optional<Decimal> vat_rate; // BT-96 / BT-103
};

// BG-25
struct Line {
    std::string id;           // BT-126
    std::string note;         // BT-127
    std::string name;         // BT-153
    std::string description;  // BT-154
    std::string seller_item_id;  // BT-155
    Decimal quantity;         // BT-129
    std::string unit_code;    // BT-130 (UN/ECE Rec. 20 / 21)
    Decimal net_price;        // BT-146
    std::optional<Decimal> gross_price;     // BT-148
    std::optional<Decimal> price_discount;  // BT-147
    std::optional<Decimal> base_quantity;   // BT-149
    Decimal net_amount;       // BT-131
    std::string vat_category;  // BT-151
    std::optional<Decimal> vat_rate;  // BT-152
    std::vector<AllowanceCharge> allowances_charges;  // BG-27 / BG-28
    std::string period_start, period_end;  // BG-26
    std::string order_line_ref;  // BT-132
};

// BG-23
struct VatRow {
    std::string category;     // BT-118
    std::optional<Decimal> rate;  // BT-119
    Decimal taxable_amount;   // BT-116
    Decimal tax_amount;       // BT-117
    std::string exemption_reason;  // BT-120
    std::string exemption_code;    // BT-121 (VATEX)
};

// BG-22
struct DocumentTotals {
    std::optional<Decimal> line_net;     // BT-106 (absent in MINIMUM)
    std::optional<Decimal> allowances;   // BT-107
    std::optional<Decimal> charges;      // BT-108
    Decimal tax_exclusive;               // BT-109
    std::optional<Decimal> tax_amount;   // BT-110
    Decimal tax_inclusive;               // BT-112
    std::optional<Decimal> prepaid;      // BT-113
    std::optional<Decimal> rounding;     // BT-114
    Decimal payable;                     // BT-115
};

// BG-16 and the payment terms.
struct Payment {
    std::string means_code;  // BT-81 (UNTDID 4461: 30, 58 transfer, 20 cheque, 48 card, 10 cash, 49/59 debit)
    std::string means_text;  // BT-82
    std::string remittance;  // BT-83
    std::string iban;        // BT-84
    std::string account_name;  // BT-85
    std::string bic;         // BT-86
    std::string mandate;     // BT-89
    std::string debtor_iban; // BT-91
    std::string terms;       // BT-20
};

struct Invoice {
    Profile profile = Profile::En16931;
    bool profile_recognised = true;  // false: BT-24 named no known profile (received invoices)
    std::string number;           // BT-1
    std::string type_code = "380";  // BT-3 (380 invoice, 386 prepayment, 381 credit note, 384 corrective…)
    std::string issue_date;       // BT-2
    std::string due_date;         // BT-9
    std::string currency = "EUR"; // BT-5
    std::string vat_point_date_code;  // BT-8 as UNTDID 2475 (CII: "5" issue date, "29" delivery, "72" payment)
    std::string business_process;  // BT-23: B1/S1/M1, B4/S4/M4…
    std::vector<Note> notes;       // BG-1
    std::string buyer_reference;   // BT-10
    std::string order_reference;   // BT-13
    std::string contract_reference;  // BT-12
    std::string project_reference;   // BT-11
    std::string buyer_accounting_ref;  // BT-19
    std::vector<PrecedingInvoice> preceding;  // BG-3
    Party seller;
    Party buyer;
    std::string delivery_name;     // BT-70
    std::optional<Address> delivery_address;  // BG-15
    std::string delivery_date;     // BT-72
    std::string period_start, period_end;  // BG-14
    Payment payment;
    std::vector<Line> lines;
    std::vector<AllowanceCharge> allowances_charges;  // BG-20 / BG-21
    std::vector<VatRow> vat;
    DocumentTotals totals;
};

// Credit notes in the sense of EN 16931 (and UBL's CreditNote document): 381 and the French codes
// 261, 262, 396, 502, 503.
bool is_credit_note_type(std::string_view type_code);

// Amount with exactly two decimals ("1234.50"); more places are kept when the value has them (a
// received amount is never silently rounded).
std::string amount_text(Decimal d);
// Rates, prices and quantities: at least `min_places` decimals, no trailing zeros beyond.
std::string decimal_text(Decimal d, int min_places);

}  // namespace comptoir::einvoice
