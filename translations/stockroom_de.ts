<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>CatalogService</name>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="14"/>
        <source>A product needs a SKU.</source>
        <translation>Ein Artikel benötigt eine SKU.</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="17"/>
        <source>Product %1 needs a name.</source>
        <translation>Artikel %1 benötigt einen Namen.</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="21"/>
        <source>Price, cost and weight of %1 cannot be negative.</source>
        <translation>Preis, Kosten und Gewicht von %1 dürfen nicht negativ sein.</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="28"/>
        <source>SKU %1 exists already.</source>
        <translation>SKU %1 existiert bereits.</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="45"/>
        <source>A location needs a code and a name.</source>
        <translation>Ein Lagerort benötigt einen Code und einen Namen.</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="50"/>
        <source>A location is a warehouse, a store or a third_party, not &quot;%1&quot;.</source>
        <translation>Ein Lagerort ist vom Typ warehouse, store oder third_party, nicht „%1“.</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="58"/>
        <source>Location %1 exists already.</source>
        <translation>Lagerort %1 existiert bereits.</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="16"/>
        <source>Database connection</source>
        <comment>@title:window</comment>
        <translation>Datenbankverbindung</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="32"/>
        <source>Engine:</source>
        <comment>@label:listbox</comment>
        <translation>Datenbanktyp:</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="41"/>
        <source>SQLite file (this desktop only)</source>
        <comment>@item:inlistbox</comment>
        <translation>SQLite-Datei (nur dieser Arbeitsplatz)</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="42"/>
        <source>PostgreSQL server (shared)</source>
        <comment>@item:inlistbox</comment>
        <translation>PostgreSQL-Server (gemeinsam)</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="46"/>
        <source>Engine</source>
        <comment>@label</comment>
        <translation>Datenbanktyp</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="51"/>
        <source>File:</source>
        <comment>@label:textbox</comment>
        <translation>Datei:</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="58"/>
        <source>Database file</source>
        <comment>@label</comment>
        <translation>Datenbankdatei</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="63"/>
        <source>Host:</source>
        <comment>@label:textbox</comment>
        <translation>Server:</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="70"/>
        <source>Host</source>
        <comment>@label</comment>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="74"/>
        <source>Port:</source>
        <comment>@label:spinbox</comment>
        <translation>Port:</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="84"/>
        <source>Port</source>
        <comment>@label</comment>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="88"/>
        <source>Database:</source>
        <comment>@label:textbox</comment>
        <translation>Datenbank:</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="95"/>
        <source>Database name</source>
        <comment>@label</comment>
        <translation>Datenbankname</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="99"/>
        <source>User:</source>
        <comment>@label:textbox</comment>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="106"/>
        <source>User</source>
        <comment>@label</comment>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="110"/>
        <source>Password:</source>
        <comment>@label:textbox</comment>
        <translation>Passwort:</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="118"/>
        <source>Password</source>
        <comment>@label</comment>
        <translation>Passwort</translation>
    </message>
</context>
<context>
    <name>ConnectionSpec</name>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="19"/>
        <source>The database connection string is empty.</source>
        <translation>Die Verbindungszeichenfolge der Datenbank ist leer.</translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="26"/>
        <source>Cannot read the PostgreSQL address &quot;%1&quot;: expected postgresql://user[:password]@host[:port]/dbname.</source>
        <translation>Die PostgreSQL-Adresse „%1“ ist nicht lesbar: erwartet wird postgresql://user[:password]@host[:port]/dbname.</translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="38"/>
        <source>The PostgreSQL address names no database: add /dbname at its end.</source>
        <translation>Die PostgreSQL-Adresse nennt keine Datenbank: /dbname am Ende ergänzen.</translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="51"/>
        <source>Unknown database kind in &quot;%1&quot;: use a file path, sqlite:PATH or postgresql://…</source>
        <translation>Unbekannte Datenbankart in „%1“: zulässig sind ein Dateipfad, sqlite:PATH oder postgresql://…</translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="64"/>
        <source>synchronous must be off, normal, full or extra, not &quot;%1&quot;.</source>
        <translation>synchronous muss off, normal, full oder extra sein, nicht „%1“.</translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="71"/>
        <source>The SQLite connection string names no file.</source>
        <translation>Die SQLite-Verbindungszeichenfolge nennt keine Datei.</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../qml/DashboardPage.qml" line="58"/>
        <source>Open orders</source>
        <comment>@label</comment>
        <translation>Offene Aufträge</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/DashboardPage.qml" line="60"/>
        <source>%n backordered</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n im Rückstand</numerusform>
            <numerusform>%n im Rückstand</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="63"/>
        <source>Shipped orders</source>
        <comment>@label</comment>
        <translation>Versandte Aufträge</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="65"/>
        <source>all time</source>
        <comment>@info</comment>
        <translation>insgesamt</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="68"/>
        <source>Units available</source>
        <comment>@label</comment>
        <translation>Verfügbare Menge</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="70"/>
        <source>of %1 on hand</source>
        <comment>@info</comment>
        <translation>von %1 am Lager</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="73"/>
        <source>Stock value</source>
        <comment>@label</comment>
        <translation>Bestandswert</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/DashboardPage.qml" line="75"/>
        <source>%n stock line(s) sold out</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n Bestandsposition ausverkauft</numerusform>
            <numerusform>%n Bestandspositionen ausverkauft</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/DashboardPage.qml" line="87"/>
        <source>Demand, last %n day(s)</source>
        <comment>@title</comment>
        <translation>
            <numerusform>Nachfrage, letzter %n Tag</numerusform>
            <numerusform>Nachfrage, letzte %n Tage</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <location filename="../src/store/database.cpp" line="48"/>
        <source>The Qt SQL driver %1 is not installed (Debian package %2).</source>
        <translation>Der Qt-SQL-Treiber %1 ist nicht installiert (Debian-Paket %2).</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="59"/>
        <source>Cannot create the folder %1 for the database.</source>
        <translation>Der Ordner %1 für die Datenbank kann nicht angelegt werden.</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="75"/>
        <source>Cannot open the database %1: %2</source>
        <translation>Die Datenbank %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="100"/>
        <source>switching to WAL</source>
        <translation>Umschalten auf WAL</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="123"/>
        <source>The database is busy (%1); try again.</source>
        <translation>Die Datenbank ist belegt (%1); bitte erneut versuchen.</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="125"/>
        <source>Database error while %1: %2</source>
        <translation>Datenbankfehler beim %1: %2</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="135"/>
        <source>preparing a statement</source>
        <translation>Vorbereiten einer Anweisung</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="153"/>
        <source>running a statement</source>
        <translation>Ausführen einer Anweisung</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="213"/>
        <source>An insert returned no id.</source>
        <translation>Ein INSERT lieferte keine ID.</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="223"/>
        <source>running %1</source>
        <translation>Ausführen von %1</translation>
    </message>
</context>
<context>
    <name>DemandChart</name>
    <message>
        <location filename="../qml/DemandChart.qml" line="50"/>
        <source>Units ordered</source>
        <comment>@label chart series</comment>
        <translation>Bestellte Menge</translation>
    </message>
    <message>
        <location filename="../qml/DemandChart.qml" line="58"/>
        <source>Orders</source>
        <comment>@label chart series</comment>
        <translation>Aufträge</translation>
    </message>
</context>
<context>
    <name>DemoData</name>
    <message>
        <location filename="../src/services/demodata.cpp" line="128"/>
        <source>Demo products must be between 1 and 5000.</source>
        <translation>Die Anzahl der Demo-Artikel muss zwischen 1 und 5000 liegen.</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="132"/>
        <source>Demo locations must be between 1 and %1.</source>
        <translation>Die Anzahl der Demo-Lagerorte muss zwischen 1 und %1 liegen.</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="135"/>
        <source>Demo days must be between 1 and 3650.</source>
        <translation>Die Anzahl der Demo-Tage muss zwischen 1 und 3650 liegen.</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="140"/>
        <source>The database already holds products; demo data goes into an empty database.</source>
        <translation>Die Datenbank enthält bereits Artikel; Demodaten können nur in eine leere Datenbank geschrieben werden.</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="246"/>
        <source>opening stock</source>
        <translation>Anfangsbestand</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="268"/>
        <source>supplier delivery</source>
        <translation>Lieferantenlieferung</translation>
    </message>
</context>
<context>
    <name>InvariantChecker</name>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="38"/>
        <source>ledger: %1 at %2 has on hand %3, reserved %4, but the ledger sums to %5 and %6</source>
        <translation>Lagerbuch: %1 in %2 hat Bestand %3, reserviert %4, aber das Lagerbuch ergibt %5 und %6</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="56"/>
        <source>reservations: %1 at %2 has %3 reserved but %4 in open allocations</source>
        <translation>Reservierungen: %1 in %2 hat %3 reserviert, aber %4 in offenen Zuteilungen</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="66"/>
        <source>availability: %1 at %2 has on hand %3 and reserved %4</source>
        <translation>Verfügbarkeit: %1 in %2 hat Bestand %3 und reserviert %4</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="80"/>
        <source>order line: %1 line %2 of %3 units has %4 shipped, %5 cancelled, %6 returned and %7 allocated</source>
        <translation>Auftragsposition: %1 Position %2 über %3 Stück hat %4 versandt, %5 storniert, %6 retourniert und %7 zugeteilt</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="92"/>
        <source>order state: closed order %1 still holds stock on line %2</source>
        <translation>Auftragsstatus: abgeschlossener Auftrag %1 hält noch Bestand in Position %2</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="99"/>
        <source>imports: external order %1/%2 exists %3 times</source>
        <translation>Importe: externer Auftrag %1/%2 existiert %3-mal</translation>
    </message>
</context>
<context>
    <name>InventoryDelegate</name>
    <message>
        <location filename="../qml/InventoryDelegate.qml" line="21"/>
        <source>Out of stock</source>
        <comment>@label stock level</comment>
        <translation>Kein Bestand</translation>
    </message>
    <message>
        <location filename="../qml/InventoryDelegate.qml" line="22"/>
        <source>Low</source>
        <comment>@label stock level</comment>
        <translation>Niedrig</translation>
    </message>
    <message>
        <location filename="../qml/InventoryDelegate.qml" line="23"/>
        <source>In stock</source>
        <comment>@label stock level</comment>
        <translation>Am Lager</translation>
    </message>
    <message>
        <location filename="../qml/InventoryDelegate.qml" line="27"/>
        <source>%1 at %2: %3 available</source>
        <comment>@info accessible</comment>
        <translation>%1 in %2: %3 verfügbar</translation>
    </message>
</context>
<context>
    <name>InventoryPage</name>
    <message>
        <location filename="../qml/InventoryPage.qml" line="40"/>
        <source>Search SKU, product or location (Ctrl+F)</source>
        <comment>@info:placeholder</comment>
        <translation>SKU, Artikel oder Lagerort suchen (Strg+F)</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="42"/>
        <source>Search stock</source>
        <comment>@label</comment>
        <translation>Bestand durchsuchen</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/InventoryPage.qml" line="58"/>
        <source>%1 on hand · %2 available · %n stock line(s)</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%1 am Lager · %2 verfügbar · %n Bestandsposition</numerusform>
            <numerusform>%1 am Lager · %2 verfügbar · %n Bestandspositionen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="87"/>
        <source>SKU</source>
        <comment>@title:column</comment>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="87"/>
        <source>Product</source>
        <comment>@title:column</comment>
        <translation>Artikel</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="88"/>
        <source>Location</source>
        <comment>@title:column</comment>
        <translation>Lagerort</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="88"/>
        <source>On hand</source>
        <comment>@title:column</comment>
        <translation>Bestand</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="89"/>
        <source>Reserved</source>
        <comment>@title:column</comment>
        <translation>Reserviert</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="89"/>
        <source>Available</source>
        <comment>@title:column</comment>
        <translation>Verfügbar</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="90"/>
        <source>Level</source>
        <comment>@title:column</comment>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="116"/>
        <source>Stock levels</source>
        <comment>@label</comment>
        <translation>Lagerbestände</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../src/ui/labels.cpp" line="13"/>
        <source>Draft</source>
        <comment>@label order status</comment>
        <translation>Entwurf</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="15"/>
        <source>Placed</source>
        <comment>@label order status</comment>
        <translation>Erfasst</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="17"/>
        <source>Backordered</source>
        <comment>@label order status</comment>
        <translation>Im Rückstand</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="19"/>
        <source>Allocated</source>
        <comment>@label order status</comment>
        <translation>Zugeteilt</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="21"/>
        <source>Picking</source>
        <comment>@label order status</comment>
        <translation>In Kommissionierung</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="23"/>
        <source>Packed</source>
        <comment>@label order status</comment>
        <translation>Verpackt</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="25"/>
        <source>Partly shipped</source>
        <comment>@label order status</comment>
        <translation>Teilversandt</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="27"/>
        <source>Shipped</source>
        <comment>@label order status</comment>
        <translation>Versandt</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="29"/>
        <source>Delivered</source>
        <comment>@label order status</comment>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="31"/>
        <source>On hold</source>
        <comment>@label order status</comment>
        <translation>Angehalten</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="33"/>
        <source>Cancelled</source>
        <comment>@label order status</comment>
        <translation>Storniert</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="40"/>
        <source>Pending</source>
        <comment>@label payment status</comment>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="42"/>
        <source>Authorised</source>
        <comment>@label payment status</comment>
        <translation>Autorisiert</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="44"/>
        <source>Paid</source>
        <comment>@label payment status</comment>
        <translation>Bezahlt</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="46"/>
        <source>Partly refunded</source>
        <comment>@label payment status</comment>
        <translation>Teilweise erstattet</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="48"/>
        <source>Refunded</source>
        <comment>@label payment status</comment>
        <translation>Erstattet</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="50"/>
        <source>Voided</source>
        <comment>@label payment status</comment>
        <translation>Annulliert</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="57"/>
        <source>Manual</source>
        <comment>@label sales channel</comment>
        <translation>Manuell</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="28"/>
        <source>Stockroom</source>
        <comment>@title:window</comment>
        <translation>Stockroom</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="80"/>
        <source>Stockroom</source>
        <comment>@title</comment>
        <translation>Stockroom</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="96"/>
        <source>Connection…</source>
        <comment>@action:button</comment>
        <translation>Verbindung…</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="99"/>
        <source>Choose the database (Ctrl+Shift+D)</source>
        <comment>@info:tooltip</comment>
        <translation>Datenbank wählen (Strg+Umschalt+D)</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="100"/>
        <source>Database connection</source>
        <comment>@action:button</comment>
        <translation>Datenbankverbindung</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="103"/>
        <source>Refresh</source>
        <comment>@action:button</comment>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="107"/>
        <source>Reload every view (F5)</source>
        <comment>@info:tooltip</comment>
        <translation>Alle Ansichten neu laden (F5)</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="122"/>
        <source>Database problem: %1</source>
        <comment>@info:status</comment>
        <translation>Datenbankproblem: %1</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="123"/>
        <source>%1 · %2</source>
        <comment>@info:status engine · database</comment>
        <translation>%1 · %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Main.qml" line="129"/>
        <source>%n other desktop(s) online</source>
        <comment>@info:status</comment>
        <translation>
            <numerusform>%n weiterer Arbeitsplatz online</numerusform>
            <numerusform>%n weitere Arbeitsplätze online</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="133"/>
        <source>● Live</source>
        <comment>@info:status live refresh on</comment>
        <translation>● Live</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="134"/>
        <source>○ Not live</source>
        <comment>@info:status live refresh off</comment>
        <translation>○ Nicht live</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="136"/>
        <source>Live refresh on</source>
        <comment>@info</comment>
        <translation>Live-Aktualisierung ein</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="136"/>
        <source>Live refresh off</source>
        <comment>@info</comment>
        <translation>Live-Aktualisierung aus</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Main.qml" line="139"/>
        <source>%n order(s)</source>
        <comment>@info:status</comment>
        <translation>
            <numerusform>%n Auftrag</numerusform>
            <numerusform>%n Aufträge</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="164"/>
        <source>Orders</source>
        <comment>@title:tab</comment>
        <translation>Aufträge</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="165"/>
        <source>Inventory</source>
        <comment>@title:tab</comment>
        <translation>Bestand</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="166"/>
        <source>Transfers</source>
        <comment>@title:tab</comment>
        <translation>Umlagerungen</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="167"/>
        <source>Forecast</source>
        <comment>@title:tab</comment>
        <translation>Prognose</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="168"/>
        <source>Dashboard</source>
        <comment>@title:tab</comment>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="199"/>
        <source>Transfers</source>
        <comment>@title</comment>
        <translation>Umlagerungen</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="200"/>
        <source>Transfers between locations, with stock in transit, arrive with the inventory operations work.</source>
        <comment>@info</comment>
        <translation>Umlagerungen zwischen Lagerorten, einschließlich Bestand im Transit, folgen mit dem Ausbau der Lagerprozesse.</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="203"/>
        <source>Forecast</source>
        <comment>@title</comment>
        <translation>Prognose</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="204"/>
        <source>Demand forecasts and replenishment suggestions arrive with the forecasting work.</source>
        <comment>@info</comment>
        <translation>Nachfrageprognosen und Nachschubvorschläge folgen mit dem Ausbau der Prognosefunktion.</translation>
    </message>
</context>
<context>
    <name>Migrations</name>
    <message>
        <location filename="../src/store/migrations.cpp" line="299"/>
        <source>This database has schema version %1, newer than this Stockroom knows (%2). It was left untouched: update Stockroom to open it.</source>
        <translation>Diese Datenbank hat die Schemaversion %1, neuer als diese Stockroom-Version kennt (%2). Sie wurde nicht verändert: Stockroom aktualisieren, um sie zu öffnen.</translation>
    </message>
    <message>
        <location filename="../src/store/migrations.cpp" line="330"/>
        <source>Schema upgrade to version %1 failed: %2</source>
        <translation>Schema-Aktualisierung auf Version %1 fehlgeschlagen: %2</translation>
    </message>
</context>
<context>
    <name>OrderDelegate</name>
    <message>
        <location filename="../qml/OrderDelegate.qml" line="28"/>
        <source>Order %1, %2, %3</source>
        <comment>@info accessible</comment>
        <translation>Auftrag %1, %2, %3</translation>
    </message>
</context>
<context>
    <name>OrderService</name>
    <message>
        <location filename="../src/services/orderservice.cpp" line="23"/>
        <source>There is no order %1.</source>
        <translation>Auftrag %1 existiert nicht.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="34"/>
        <source>%1 was changed by %2 at %3 — reload?</source>
        <translation>%1 wurde um %3 von %2 geändert — neu laden?</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="36"/>
        <source>someone</source>
        <translation>jemandem</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="71"/>
        <source>An order needs at least one line.</source>
        <translation>Ein Auftrag benötigt mindestens eine Position.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="74"/>
        <source>An order may have at most %1 lines.</source>
        <translation>Ein Auftrag darf höchstens %1 Positionen haben.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="78"/>
        <source>An order line has no SKU.</source>
        <translation>Eine Auftragsposition hat keine SKU.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="81"/>
        <source>The quantity of %1 must be between 1 and %2, not %3.</source>
        <translation>Die Menge von %1 muss zwischen 1 und %2 liegen, nicht %3.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="88"/>
        <source>An order needs a channel.</source>
        <translation>Ein Auftrag benötigt einen Kanal.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="91"/>
        <source>Unknown payment state &quot;%1&quot;.</source>
        <translation>Unbekannter Zahlungsstatus „%1“.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="109"/>
        <source>Order %1 from %2 is already here as %3.</source>
        <translation>Auftrag %1 aus %2 ist bereits als %3 vorhanden.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="124"/>
        <source>Unknown SKU &quot;%1&quot;.</source>
        <translation>Unbekannte SKU „%1“.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="127"/>
        <source>%1 is no longer sold (inactive).</source>
        <translation>%1 wird nicht mehr verkauft (inaktiv).</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="203"/>
        <source>re-routed: another desktop took stock meanwhile</source>
        <translation>neu zugeordnet: ein anderer Arbeitsplatz hat zwischenzeitlich Bestand entnommen</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="238"/>
        <source>Order %1 from %2 is already here.</source>
        <translation>Auftrag %1 aus %2 ist bereits vorhanden.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="287"/>
        <source>Order %1 is %2 and can no longer be cancelled.</source>
        <translation>Auftrag %1 hat den Status %2 und kann nicht mehr storniert werden.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="292"/>
        <location filename="../src/services/orderservice.cpp" line="351"/>
        <source>Order %1 was changed meanwhile.</source>
        <translation>Auftrag %1 wurde zwischenzeitlich geändert.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="300"/>
        <location filename="../src/services/orderservice.cpp" line="373"/>
        <source>The stock of order %1 at %2 is not reserved as recorded; run check.</source>
        <translation>Der Bestand von Auftrag %1 in %2 ist nicht wie erfasst reserviert; check ausführen.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="341"/>
        <source>Order %1 is %2 and cannot be shipped.</source>
        <translation>Auftrag %1 hat den Status %2 und kann nicht versandt werden.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="346"/>
        <source>Order %1 has nothing allocated to ship yet (backordered).</source>
        <translation>Auftrag %1 hat noch nichts zum Versand zugeteilt (im Rückstand).</translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <location filename="../qml/OrdersPage.qml" line="54"/>
        <source>Ship %1?</source>
        <comment>@title:window</comment>
        <translation>%1 versenden?</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="61"/>
        <source>%1 on another desktop. Ship anyway?</source>
        <comment>@info</comment>
        <translation>%1 an einem anderen Arbeitsplatz. Trotzdem versenden?</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="71"/>
        <source>Cancel %1?</source>
        <comment>@title:window</comment>
        <translation>%1 stornieren?</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="78"/>
        <source>Its reserved stock goes back on sale.</source>
        <comment>@info</comment>
        <translation>Der reservierte Bestand wird wieder zum Verkauf freigegeben.</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="97"/>
        <source>Status:</source>
        <comment>@label:listbox</comment>
        <translation>Status:</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="106"/>
        <source>All orders</source>
        <comment>@item:inlistbox</comment>
        <translation>Alle Aufträge</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="107"/>
        <source>Allocated</source>
        <comment>@item:inlistbox</comment>
        <translation>Zugeteilt</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="108"/>
        <source>Backordered</source>
        <comment>@item:inlistbox</comment>
        <translation>Im Rückstand</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="109"/>
        <source>Partly shipped</source>
        <comment>@item:inlistbox</comment>
        <translation>Teilversandt</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="110"/>
        <source>Shipped</source>
        <comment>@item:inlistbox</comment>
        <translation>Versandt</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="111"/>
        <source>Cancelled</source>
        <comment>@item:inlistbox</comment>
        <translation>Storniert</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="114"/>
        <source>Filter by status</source>
        <comment>@label</comment>
        <translation>Nach Status filtern</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/OrdersPage.qml" line="121"/>
        <source>Showing %1 of %n order(s)</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%1 von %n Auftrag angezeigt</numerusform>
            <numerusform>%1 von %n Aufträgen angezeigt</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="153"/>
        <source>Order</source>
        <comment>@title:column</comment>
        <translation>Auftrag</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="153"/>
        <source>Placed</source>
        <comment>@title:column</comment>
        <translation>Erfasst</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="154"/>
        <source>Customer</source>
        <comment>@title:column</comment>
        <translation>Kunde</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="154"/>
        <source>Channel</source>
        <comment>@title:column</comment>
        <translation>Kanal</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="155"/>
        <source>Status</source>
        <comment>@title:column</comment>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="155"/>
        <source>Payment</source>
        <comment>@title:column</comment>
        <translation>Zahlung</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="156"/>
        <source>Lines</source>
        <comment>@title:column</comment>
        <translation>Pos.</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="156"/>
        <source>Units</source>
        <comment>@title:column</comment>
        <translation>Stück</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="157"/>
        <source>Total</source>
        <comment>@title:column</comment>
        <translation>Gesamt</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="188"/>
        <source>Orders</source>
        <comment>@label</comment>
        <translation>Aufträge</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="212"/>
        <source>No order selected</source>
        <comment>@info</comment>
        <translation>Kein Auftrag ausgewählt</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="219"/>
        <source>%1 · %2</source>
        <comment>@info customer · channel</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="236"/>
        <source>Routing</source>
        <comment>@title:group</comment>
        <translation>Routing</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="249"/>
        <source>⚠ %1 on another desktop</source>
        <comment>@info</comment>
        <translation>⚠ %1 an einem anderen Arbeitsplatz</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="259"/>
        <source>Ship</source>
        <comment>@action:button</comment>
        <translation>Versenden</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="263"/>
        <source>Ship what is allocated (Ctrl+Shift+S)</source>
        <comment>@info:tooltip</comment>
        <translation>Zugeteilte Menge versenden (Strg+Umschalt+S)</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="267"/>
        <source>Cancel order</source>
        <comment>@action:button</comment>
        <translation>Auftrag stornieren</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="271"/>
        <source>Cancel and release the stock (Ctrl+Shift+X)</source>
        <comment>@info:tooltip</comment>
        <translation>Stornieren und Bestand freigeben (Strg+Umschalt+X)</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="284"/>
        <source>Reload</source>
        <comment>@action:button</comment>
        <translation>Neu laden</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="293"/>
        <source>Last change by %1</source>
        <comment>@info</comment>
        <translation>Letzte Änderung von %1</translation>
    </message>
</context>
<context>
    <name>PackingSlip</name>
    <message>
        <location filename="../src/io/packingslip.cpp" line="28"/>
        <source>Order %1 has no lines to pack.</source>
        <translation>Auftrag %1 hat keine Positionen zum Packen.</translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="34"/>
        <source>Packing slip %1</source>
        <translation>Lieferschein %1</translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="46"/>
        <source>Packing slip</source>
        <translation>Lieferschein</translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="50"/>
        <source>Ship to</source>
        <translation>Lieferung an</translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="51"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="53"/>
        <source>Order</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="58"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="64"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="64"/>
        <source>Product</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="64"/>
        <source>Ordered</source>
        <translation>Bestellt</translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="65"/>
        <source>In this parcel</source>
        <translation>In diesem Paket</translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="65"/>
        <source>Checked</source>
        <translation>Geprüft</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/io/packingslip.cpp" line="80"/>
        <source>%n item(s) will follow in another parcel.</source>
        <translation><numerusform>%n Artikel folgt in einem weiteren Paket.</numerusform><numerusform>%n Artikel folgen in einem weiteren Paket.</numerusform></translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <location filename="../qml/PlaceholderPage.qml" line="33"/>
        <source>Not built yet</source>
        <comment>@info placeholder view</comment>
        <translation>Noch nicht verfügbar</translation>
    </message>
</context>
<context>
    <name>RoutingPolicy</name>
    <message>
        <location filename="../src/domain/routing.cpp" line="100"/>
        <source>%1 lacked %2</source>
        <translation>%1 ohne %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/domain/routing.cpp" line="211"/>
        <source>Shipped from %1: only location with all %n line(s)</source>
        <translation>
            <numerusform>Versand aus %1: einziger Lagerort mit %n Position</numerusform>
            <numerusform>Versand aus %1: einziger Lagerort mit allen %n Positionen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/domain/routing.cpp" line="220"/>
        <source>Shipped from %1: all %n line(s) in stock, same region as the customer</source>
        <translation>
            <numerusform>Versand aus %1: %n Position am Lager, gleiche Region wie der Kunde</numerusform>
            <numerusform>Versand aus %1: alle %n Positionen am Lager, gleiche Region wie der Kunde</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/domain/routing.cpp" line="223"/>
        <source>Shipped from %1: all %n line(s) in stock, first by priority</source>
        <translation>
            <numerusform>Versand aus %1: %n Position am Lager, erster nach Priorität</numerusform>
            <numerusform>Versand aus %1: alle %n Positionen am Lager, erster nach Priorität</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/domain/routing.cpp" line="227"/>
        <source>also complete: %1</source>
        <translation>ebenfalls vollständig: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/domain/routing.cpp" line="256"/>
        <location filename="../src/domain/routing.cpp" line="280"/>
        <source>Split over %1: no single location had all %n line(s)</source>
        <translation>
            <numerusform>Aufgeteilt auf %1: kein einzelner Lagerort hatte %n Position vollständig</numerusform>
            <numerusform>Aufgeteilt auf %1: kein einzelner Lagerort hatte alle %n Positionen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/domain/routing.cpp" line="283"/>
        <source>Backordered %1: no location has stock</source>
        <translation>Rückstand %1: kein Lagerort hat Bestand</translation>
    </message>
    <message>
        <location filename="../src/domain/routing.cpp" line="286"/>
        <source>Backordered %1: not enough stock anywhere; the rest from %2</source>
        <translation>Rückstand %1: nirgends genug Bestand; der Rest aus %2</translation>
    </message>
</context>
<context>
    <name>ShippingLabel</name>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="42"/>
        <source>A Code 128 barcode takes 1 to 80 Latin-1 characters, not &quot;%1&quot;.</source>
        <translation>Ein Code-128-Barcode nimmt 1 bis 80 Latin-1-Zeichen auf, nicht „%1“.</translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="46"/>
        <source>The barcode library could not start.</source>
        <translation>Die Barcode-Bibliothek ließ sich nicht starten.</translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="54"/>
        <source>Cannot encode &quot;%1&quot; as Code 128: %2</source>
        <translation>„%1“ lässt sich nicht als Code 128 kodieren: %2</translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="57"/>
        <source>The barcode library could not draw &quot;%1&quot;.</source>
        <translation>Die Barcode-Bibliothek konnte „%1“ nicht zeichnen.</translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="77"/>
        <source>Order %1 has no tracking number to print.</source>
        <translation>Auftrag %1 hat keine Sendungsnummer zum Drucken.</translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="84"/>
        <source>Shipping label %1</source>
        <translation>Versandetikett %1</translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="88"/>
        <source>Cannot write %1.</source>
        <translation>%1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="113"/>
        <source>FROM</source>
        <comment>@label on a shipping label</comment>
        <translation>ABSENDER</translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="120"/>
        <source>SHIP TO</source>
        <comment>@label on a shipping label</comment>
        <translation>EMPFÄNGER</translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="131"/>
        <source>Weight: %1 kg</source>
        <translation>Gewicht: %1 kg</translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="132"/>
        <source>Order: %1</source>
        <translation>Auftrag: %1</translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="133"/>
        <source>Date: %1</source>
        <translation>Datum: %1</translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="148"/>
        <source>Cannot finish %1.</source>
        <translation>%1 kann nicht abgeschlossen werden.</translation>
    </message>
</context>
<context>
    <name>StockService</name>
    <message>
        <location filename="../src/services/stockservice.cpp" line="18"/>
        <source>A receipt needs a quantity between 1 and %1, not %2.</source>
        <translation>Ein Wareneingang benötigt eine Menge zwischen 1 und %1, nicht %2.</translation>
    </message>
    <message>
        <location filename="../src/services/stockservice.cpp" line="30"/>
        <source>An adjustment needs a non-zero change within ±%1.</source>
        <translation>Eine Korrektur benötigt eine Änderung ungleich null innerhalb von ±%1.</translation>
    </message>
    <message>
        <location filename="../src/services/stockservice.cpp" line="33"/>
        <source>An adjustment needs a reason.</source>
        <translation>Eine Korrektur benötigt eine Begründung.</translation>
    </message>
    <message>
        <location filename="../src/services/stockservice.cpp" line="48"/>
        <source>Unknown SKU &quot;%1&quot;.</source>
        <translation>Unbekannte SKU „%1“.</translation>
    </message>
    <message>
        <location filename="../src/services/stockservice.cpp" line="52"/>
        <source>Unknown location &quot;%1&quot;.</source>
        <translation>Unbekannter Lagerort „%1“.</translation>
    </message>
    <message>
        <location filename="../src/services/stockservice.cpp" line="58"/>
        <source>Not enough stock to take %1 × %2 off at %3: %4 available (%5 on hand, %6 reserved).</source>
        <translation>Nicht genug Bestand, um %1 × %2 in %3 abzubuchen: %4 verfügbar (%5 am Lager, %6 reserviert).</translation>
    </message>
</context>
<context>
    <name>Stockroom::ChangeFeed</name>
    <message>
        <location filename="../src/store/changefeed.cpp" line="86"/>
        <source>Cannot listen for changes: %1</source>
        <translation>Änderungen können nicht empfangen werden: %1</translation>
    </message>
</context>
<context>
    <name>Stockroom::ConnectionSettings</name>
    <message>
        <location filename="../src/ui/connectionsettings.cpp" line="67"/>
        <source>Choose a database file.</source>
        <translation>Bitte eine Datenbankdatei wählen.</translation>
    </message>
    <message>
        <location filename="../src/ui/connectionsettings.cpp" line="69"/>
        <source>A PostgreSQL connection needs a host and a database name.</source>
        <translation>Eine PostgreSQL-Verbindung braucht einen Server und einen Datenbanknamen.</translation>
    </message>
    <message>
        <location filename="../src/ui/connectionsettings.cpp" line="71"/>
        <source>The port must be between 1 and 65535.</source>
        <translation>Der Port muss zwischen 1 und 65535 liegen.</translation>
    </message>
</context>
<context>
    <name>Stockroom::DatabaseWorker</name>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="217"/>
        <source>%1 cancelled.</source>
        <translation>%1 storniert.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="230"/>
        <source>%1 shipped.</source>
        <translation>%1 versandt.</translation>
    </message>
</context>
<context>
    <name>Stockroom::PresenceTracker</name>
    <message>
        <location filename="../src/ui/presencetracker.cpp" line="50"/>
        <source>%1 is viewing</source>
        <translation>%1 sieht sich das an</translation>
    </message>
    <message>
        <location filename="../src/ui/presencetracker.cpp" line="51"/>
        <source>%1 is %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>Stockroom::Session</name>
    <message numerus="yes">
        <location filename="../src/ui/session.cpp" line="96"/>
        <source>%1 (trying again in %n s)</source>
        <translation>
            <numerusform>%1 (neuer Versuch in %n s)</numerusform>
            <numerusform>%1 (neuer Versuch in %n s)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/session.cpp" line="126"/>
        <source>Live refresh paused: %1</source>
        <translation>Live-Aktualisierung pausiert: %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../src/ui/main.cpp" line="63"/>
        <source>Order and inventory management.</source>
        <translation>Auftrags- und Bestandsverwaltung.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="67"/>
        <source>Database: a file, sqlite:PATH or postgresql://user@host:port/db.</source>
        <translation>Datenbank: eine Datei, sqlite:PATH oder postgresql://user@host:port/db.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="72"/>
        <source>Language of the interface (en, de).</source>
        <translation>Sprache der Oberfläche (en, de).</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="76"/>
        <source>Render a view to a PNG file and exit.</source>
        <translation>Eine Ansicht als PNG-Datei rendern und beenden.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="79"/>
        <source>The view to open: %1.</source>
        <translation>Zu öffnende Ansicht: %1.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="82"/>
        <source>Window size, e.g. 1400x900.</source>
        <translation>Fenstergröße, z. B. 1400x900.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="86"/>
        <source>With --screenshot: wait this long after the data arrived (live changes show up meanwhile).</source>
        <translation>Mit --screenshot: so lange nach Eintreffen der Daten warten (Live-Änderungen erscheinen in der Zwischenzeit).</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="92"/>
        <source>Start the inventory view with this search.</source>
        <translation>Bestandsansicht mit dieser Suche starten.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="95"/>
        <source>Who is working (default: $USER).</source>
        <translation>Aktueller Benutzer (Standard: $USER).</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="98"/>
        <source>Open a dialog at start: connection.</source>
        <translation>Beim Start einen Dialog öffnen: connection.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="106"/>
        <source>unknown view &quot;%1&quot;; use one of %2.</source>
        <translation>unbekannte Ansicht „%1“; zulässig: %2.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="114"/>
        <source>--size takes WIDTHxHEIGHT, e.g. 1400x900.</source>
        <translation>--size erwartet BREITExHÖHE, z. B. 1400x900.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="131"/>
        <source>no translation for language &quot;%1&quot;.</source>
        <translation>keine Übersetzung für die Sprache „%1“.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="164"/>
        <source>the interface failed to load.</source>
        <translation>die Oberfläche konnte nicht geladen werden.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="168"/>
        <source>the interface has no window.</source>
        <translation>die Oberfläche hat kein Fenster.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="193"/>
        <source>cannot write the screenshot %1.</source>
        <translation>der Screenshot %1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="206"/>
        <source>the data did not arrive within 30 s.</source>
        <translation>die Daten sind nicht innerhalb von 30 s eingetroffen.</translation>
    </message>
</context>
<context>
    <name>stockroomctl</name>
    <message>
        <location filename="../src/cli/commands.cpp" line="68"/>
        <source>stockroomctl: %1</source>
        <translation>stockroomctl: %1</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="110"/>
        <source>--%1 must be a whole number from %2 to %3, not &quot;%4&quot;.</source>
        <translation>--%1 muss eine ganze Zahl von %2 bis %3 sein, nicht „%4“.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="151"/>
        <source>Database %1 is ready (schema version %2).</source>
        <translation>Datenbank %1 ist bereit (Schemaversion %2).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="166"/>
        <source>--seed must be a whole number.</source>
        <translation>--seed muss eine ganze Zahl sein.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="178"/>
        <source>--end-date must be a date like 2026-11-26.</source>
        <translation>--end-date muss ein Datum wie 2026-11-26 sein.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="190"/>
        <source><byte value="xd"/>demo: day %1 of %2</source>
        <translation><byte value="xd"/>Demo: Tag %1 von %2</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="213"/>
        <source>Demo data: %1 products at %2 locations, %3 orders (%4 lines; %5 shipped, %6 backordered at placement, %7 cancelled), %8 receipts in %9 s.</source>
        <translation>Demodaten: %1 Artikel an %2 Lagerorten, %3 Aufträge (%4 Positionen; %5 versandt, %6 bei Erfassung im Rückstand, %7 storniert), %8 Wareneingänge in %9 s.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="235"/>
        <source>receive needs --sku, --location and --qty.</source>
        <translation>receive benötigt --sku, --location und --qty.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="136"/>
        <source>%1 at %2: %3 on hand, %4 reserved, %5 available.</source>
        <translation>%1 in %2: %3 am Lager, %4 reserviert, %5 verfügbar.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="249"/>
        <source>adjust needs --sku, --location, --delta and --reason.</source>
        <translation>adjust benötigt --sku, --location, --delta und --reason.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="263"/>
        <source>place-order needs at least one --line SKU:QTY.</source>
        <translation>place-order benötigt mindestens eine --line SKU:QTY.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="270"/>
        <source>--line takes SKU:QTY, not &quot;%1&quot;.</source>
        <translation>--line erwartet SKU:QTY, nicht „%1“.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="289"/>
        <source>%1 %2: %3</source>
        <translation>%1 %2: %3</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="293"/>
        <source>%1 from %2</source>
        <translation>%1 aus %2</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="296"/>
        <source>%1 backordered</source>
        <translation>%1 im Rückstand</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="308"/>
        <source>cancel-order takes one order number.</source>
        <translation>cancel-order erwartet eine Auftragsnummer.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="317"/>
        <location filename="../src/cli/commands.cpp" line="348"/>
        <source>%1 is %2.</source>
        <translation>%1 hat den Status %2.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="326"/>
        <source>ship-order takes one order number.</source>
        <translation>ship-order erwartet eine Auftragsnummer.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="350"/>
        <source>  shipment %1 from %2: %3 units</source>
        <translation>  Sendung %1 aus %2: %3 Stück</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="372"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="373"/>
        <source>Location</source>
        <translation>Lagerort</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="374"/>
        <source>On hand</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="375"/>
        <source>Reserved</source>
        <translation>Reserviert</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="376"/>
        <source>Available</source>
        <translation>Verfügbar</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="399"/>
        <source>All invariants hold.</source>
        <translation>Alle Invarianten sind erfüllt.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="413"/>
        <source>label takes one order number and --out FILE.pdf.</source>
        <translation>label erwartet eine Auftragsnummer und --out DATEI.pdf.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="417"/>
        <location filename="../src/cli/commands.cpp" line="473"/>
        <source>There is no order %1.</source>
        <translation>Es gibt keinen Auftrag %1.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="423"/>
        <source>Order %1 has not shipped yet: ship it first.</source>
        <translation>Auftrag %1 ist noch nicht versandt: bitte zuerst versenden.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="458"/>
        <source>Label for %1 written to %2.</source>
        <translation>Etikett für %1 nach %2 geschrieben.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="468"/>
        <source>packing-slip takes one order number and --out FILE.pdf.</source>
        <translation>packing-slip erwartet eine Auftragsnummer und --out DATEI.pdf.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="498"/>
        <source>Packing slip for %1 written to %2.</source>
        <translation>Lieferschein für %1 nach %2 geschrieben.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="513"/>
        <source>--after takes a change sequence number.</source>
        <translation>--after erwartet eine Änderungsnummer.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="544"/>
        <source>stockroomctl: watch: %1 (retrying)</source>
        <translation>stockroomctl: watch: %1 (neuer Versuch)</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="563"/>
        <source>Removed %1 change log rows older than %2 days.</source>
        <translation>%1 Einträge des Änderungsprotokolls entfernt, die älter als %2 Tage waren.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="573"/>
        <source>Create or upgrade the database schema.</source>
        <translation>Datenbankschema anlegen oder aktualisieren.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="574"/>
        <source>Fill an empty database with deterministic demo data.</source>
        <translation>Leere Datenbank mit deterministischen Demodaten füllen.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="576"/>
        <source>Random seed (default 42).</source>
        <translation>Zufalls-Seed (Standard 42).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="577"/>
        <source>Number of products (default 40).</source>
        <translation>Anzahl der Artikel (Standard 40).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="579"/>
        <source>Number of locations (default 3).</source>
        <translation>Anzahl der Lagerorte (Standard 3).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="581"/>
        <source>Days of order history (default 730).</source>
        <translation>Tage Auftragshistorie (Standard 730).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="583"/>
        <source>Last day of the history (default yesterday).</source>
        <translation>Letzter Tag der Historie (Standard gestern).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="587"/>
        <source>Book a receipt of stock.</source>
        <translation>Wareneingang buchen.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="589"/>
        <location filename="../src/cli/commands.cpp" line="597"/>
        <source>Product SKU.</source>
        <translation>SKU des Artikels.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="590"/>
        <location filename="../src/cli/commands.cpp" line="598"/>
        <source>Location code.</source>
        <translation>Code des Lagerorts.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="591"/>
        <source>Units received.</source>
        <translation>Eingegangene Menge.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="592"/>
        <source>Free text for the ledger.</source>
        <translation>Freitext für das Lagerbuch.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="595"/>
        <source>Correct stock on hand, with a reason.</source>
        <translation>Bestand korrigieren, mit Begründung.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="599"/>
        <source>Units to add (positive) or take off (negative).</source>
        <translation>Zuzubuchende (positiv) oder abzubuchende (negativ) Menge.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="601"/>
        <source>Why (kept in the ledger).</source>
        <translation>Begründung (wird im Lagerbuch festgehalten).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="605"/>
        <source>Place an order: reserve, route, backorder.</source>
        <translation>Auftrag erfassen: reservieren, zuordnen, Rückstand bilden.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="607"/>
        <source>An order line; repeat for more lines.</source>
        <translation>Eine Auftragsposition; für weitere Positionen wiederholen.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="609"/>
        <source>Sales channel (default manual).</source>
        <translation>Vertriebskanal (Standard manual).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="611"/>
        <source>The channel&apos;s order id (imports once only).</source>
        <translation>Auftrags-ID im Kanal (wird nur einmal importiert).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="613"/>
        <source>Customer name.</source>
        <translation>Kundenname.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="614"/>
        <source>Ship-to region, breaks ties between locations.</source>
        <translation>Lieferregion; entscheidet bei Gleichstand zwischen Lagerorten.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="616"/>
        <source>Payment state (default pending).</source>
        <translation>Zahlungsstatus (Standard pending).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="620"/>
        <source>Cancel an open order and release its stock.</source>
        <translation>Offenen Auftrag stornieren und seinen Bestand freigeben.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="623"/>
        <location filename="../src/cli/commands.cpp" line="634"/>
        <source>Refuse if the order is no longer at this version.</source>
        <translation>Ablehnen, wenn der Auftrag nicht mehr diese Version hat.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="626"/>
        <source>Ship what is allocated to an order.</source>
        <translation>Zugeteilte Menge eines Auftrags versenden.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="628"/>
        <source>Carrier.</source>
        <translation>Versanddienstleister.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="629"/>
        <source>Carrier service.</source>
        <translation>Versandart.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="630"/>
        <source>Tracking number.</source>
        <translation>Sendungsnummer.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="631"/>
        <source>Parcel weight in grams.</source>
        <translation>Paketgewicht in Gramm.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="637"/>
        <source>Show on hand, reserved and available per product and location.</source>
        <translation>Bestand, reservierte und verfügbare Menge je Artikel und Lagerort anzeigen.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="639"/>
        <source>Only this SKU.</source>
        <translation>Nur diese SKU.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="640"/>
        <source>Only this location.</source>
        <translation>Nur dieser Lagerort.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="641"/>
        <source>Print CSV.</source>
        <translation>Als CSV ausgeben.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="645"/>
        <source>Verify every invariant of the ledger; exit 0 only when all hold.</source>
        <translation>Alle Invarianten des Lagerbuchs prüfen; Exit-Code 0 nur, wenn alle erfüllt sind.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="648"/>
        <source>Write the 4×6 inch shipping label of a shipped order as PDF.</source>
        <translation>Das 4×6-Zoll-Versandetikett eines versandten Auftrags als PDF schreiben.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="650"/>
        <location filename="../src/cli/commands.cpp" line="656"/>
        <source>The PDF file to write.</source>
        <translation>Die zu schreibende PDF-Datei.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="654"/>
        <source>Write the packing slip of an order as PDF (A4 or Letter by locale).</source>
        <translation>Den Lieferschein eines Auftrags als PDF schreiben (A4 oder Letter je nach Gebietsschema).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="659"/>
        <source>Print every committed change as one JSON line as it arrives.</source>
        <translation>Jede festgeschriebene Änderung bei Eintreffen als eine JSON-Zeile ausgeben.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="661"/>
        <source>Exit after N changes.</source>
        <translation>Nach N Änderungen beenden.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="662"/>
        <source>Start after this change number (default: now).</source>
        <translation>Nach dieser Änderungsnummer beginnen (Standard: jetzt).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="665"/>
        <source>SQLite: how often to look for commits (default 25).</source>
        <translation>SQLite: Prüfintervall für neue Commits (Standard 25).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="669"/>
        <source>Delete old change log rows (desktops that were away longer reload).</source>
        <translation>Alte Einträge des Änderungsprotokolls löschen (länger abwesende Arbeitsplätze laden neu).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="671"/>
        <source>Keep this many days (default 30).</source>
        <translation>Anzahl aufzubewahrender Tage (Standard 30).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="680"/>
        <source>Usage: stockroomctl [--db CONN] COMMAND [options]

Commands:
</source>
        <translation>Aufruf: stockroomctl [--db CONN] BEFEHL [Optionen]

Befehle:
</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="684"/>
        <source>
CONN: a file path, sqlite:PATH or postgresql://user[:password]@host[:port]/dbname.
Exit codes: 0 done, 1 refused, 2 usage error, 3 database error.
</source>
        <translation>
CONN: ein Dateipfad, sqlite:PATH oder postgresql://user[:password]@host[:port]/dbname.
Exit-Codes: 0 erledigt, 1 abgelehnt, 2 Aufruffehler, 3 Datenbankfehler.
</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="715"/>
        <source>stockroomctl: unknown command &quot;%1&quot;.</source>
        <translation>stockroomctl: unbekannter Befehl „%1“.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="725"/>
        <source>Database: a file, sqlite:PATH or postgresql://user@host:port/db (default: stockroom.db in the data folder; or $STOCKROOM_DB).</source>
        <translation>Datenbank: eine Datei, sqlite:PATH oder postgresql://user@host:port/db (Standard: stockroom.db im Datenordner; oder $STOCKROOM_DB).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="728"/>
        <source>Print the result as JSON.</source>
        <translation>Ergebnis als JSON ausgeben.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="729"/>
        <source>Who is acting (default: $USER).</source>
        <translation>Ausführender Benutzer (Standard: $USER).</translation>
    </message>
</context>
</TS>
