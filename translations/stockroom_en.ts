<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>BackorderFiller</name>
    <message>
        <location filename="../src/services/orderflow.cpp" line="159"/>
        <source>A backorder changed while stock arrived.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderflow.cpp" line="164"/>
        <source>backorder filled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderflow.cpp" line="167"/>
        <source>%1 × %2 allocated at %3 as stock arrived (backorder filled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderflow.cpp" line="172"/>
        <source>allocated</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CatalogService</name>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="14"/>
        <source>A product needs a SKU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="17"/>
        <source>Product %1 needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="21"/>
        <source>Price, cost and weight of %1 cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="28"/>
        <source>SKU %1 exists already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="45"/>
        <source>A location needs a code and a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="50"/>
        <source>A location is a warehouse, a store or a third_party, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="58"/>
        <source>Location %1 exists already.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="16"/>
        <source>Database connection</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="32"/>
        <source>Engine:</source>
        <comment>@label:listbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="41"/>
        <source>SQLite file (this desktop only)</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="42"/>
        <source>PostgreSQL server (shared)</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="46"/>
        <source>Engine</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="51"/>
        <source>File:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="58"/>
        <source>Database file</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="63"/>
        <source>Host:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="70"/>
        <source>Host</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="74"/>
        <source>Port:</source>
        <comment>@label:spinbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="84"/>
        <source>Port</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="88"/>
        <source>Database:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="95"/>
        <source>Database name</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="99"/>
        <source>User:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="106"/>
        <source>User</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="110"/>
        <source>Password:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="118"/>
        <source>Password</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionSpec</name>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="19"/>
        <source>The database connection string is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="26"/>
        <source>Cannot read the PostgreSQL address &quot;%1&quot;: expected postgresql://user[:password]@host[:port]/dbname.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="38"/>
        <source>The PostgreSQL address names no database: add /dbname at its end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="51"/>
        <source>Unknown database kind in &quot;%1&quot;: use a file path, sqlite:PATH or postgresql://…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="64"/>
        <source>synchronous must be off, normal, full or extra, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="71"/>
        <source>The SQLite connection string names no file.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvReader</name>
    <message>
        <location filename="../src/io/csvreader.cpp" line="26"/>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/csvreader.cpp" line="50"/>
        <source>the file is not UTF-8 text (save it as &quot;CSV UTF-8&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/csvreader.cpp" line="109"/>
        <source>a quoted field starts here and is never closed (a missing &quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/csvreader.cpp" line="117"/>
        <source>text follows a closing quote (a quote inside a quoted field is written &quot;&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../qml/DashboardPage.qml" line="58"/>
        <source>Open orders</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/DashboardPage.qml" line="60"/>
        <source>%n backordered</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n backordered</numerusform>
            <numerusform>%n backordered</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="63"/>
        <source>Shipped orders</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="65"/>
        <source>all time</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="68"/>
        <source>Units available</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="70"/>
        <source>of %1 on hand</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="73"/>
        <source>Stock value</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/DashboardPage.qml" line="75"/>
        <source>%n stock line(s) sold out</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n stock line sold out</numerusform>
            <numerusform>%n stock lines sold out</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/DashboardPage.qml" line="87"/>
        <source>Demand, last %n day(s)</source>
        <comment>@title</comment>
        <translation>
            <numerusform>Demand, last %n day</numerusform>
            <numerusform>Demand, last %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <location filename="../src/store/database.cpp" line="48"/>
        <source>The Qt SQL driver %1 is not installed (Debian package %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="59"/>
        <source>Cannot create the folder %1 for the database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="75"/>
        <source>Cannot open the database %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="100"/>
        <source>switching to WAL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="123"/>
        <source>The database is busy (%1); try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="125"/>
        <source>Database error while %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="135"/>
        <source>preparing a statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="153"/>
        <source>running a statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="213"/>
        <source>An insert returned no id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="223"/>
        <source>running %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DemandChart</name>
    <message>
        <location filename="../qml/DemandChart.qml" line="50"/>
        <source>Units ordered</source>
        <comment>@label chart series</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DemandChart.qml" line="58"/>
        <source>Orders</source>
        <comment>@label chart series</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DemoData</name>
    <message>
        <location filename="../src/services/demodata.cpp" line="156"/>
        <source>Archived orders must be between 1 and 5,000,000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="164"/>
        <source>Archived orders need the demo catalogue first (stockroomctl demo).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="227"/>
        <location filename="../src/services/demodata.cpp" line="278"/>
        <source>archived order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="266"/>
        <source>archived history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="295"/>
        <source>Demo products must be between 1 and 5000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="299"/>
        <source>Demo locations must be between 1 and %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="302"/>
        <source>Demo days must be between 1 and 3650.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="307"/>
        <source>The database already holds products; demo data goes into an empty database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="415"/>
        <source>opening stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="451"/>
        <source>supplier delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="467"/>
        <source>Front door</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="513"/>
        <source>Mail centre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="513"/>
        <source>Accepted at the mail centre</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FulfilmentService</name>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="20"/>
        <source>The payment of %1 is %2: it cannot be %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="100"/>
        <source>authorized</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="104"/>
        <source>payment of %1 authorized</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="112"/>
        <source>A payment must be more than 0.00 and at most %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="117"/>
        <source>paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="121"/>
        <source>paid %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="129"/>
        <source>A refund must be more than 0.00.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="136"/>
        <source>refunded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="139"/>
        <source>%1 was paid %2 and refunded %3 already: at most %4 can be refunded, not %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="147"/>
        <source>refunded %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="158"/>
        <source>voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="160"/>
        <source>payment voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="168"/>
        <source>A hold needs a reason (e.g. &quot;address check&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="172"/>
        <source>put on hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="175"/>
        <source>on hold: %1 (reservations kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="183"/>
        <source>Order %1 is %2, not on hold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="187"/>
        <source>taken off hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="191"/>
        <source>hold lifted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="217"/>
        <location filename="../src/services/fulfilmentservice.cpp" line="233"/>
        <source>released for picking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="221"/>
        <source>Order %1 has nothing allocated to pick.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="227"/>
        <source>Order %1 is not paid (%2): it is released for picking only when paid, or when its channel or customer pays later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="244"/>
        <source>released for picking at %1%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="247"/>
        <source> (pays later)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="254"/>
        <source>still packed from before the hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="268"/>
        <source>Nothing was scanned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="279"/>
        <source>Too many: order %1 is packed completely already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="283"/>
        <source>Order %1 is %2: release it for picking before packing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="300"/>
        <source>Wrong item: %1 is not in order %2. Put it back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="318"/>
        <source>Too many: all %1 × %2 of order %3 are packed already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="252"/>
        <location filename="../src/services/fulfilmentservice.cpp" line="327"/>
        <source>packed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/fulfilmentservice.cpp" line="333"/>
        <source>packed, %n unit(s) scanned</source>
        <translation>
            <numerusform>packed, %n unit scanned</numerusform>
            <numerusform>packed, %n units scanned</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="356"/>
        <source>A channel needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="379"/>
        <source>There is no customer &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gtin</name>
    <message>
        <location filename="../src/domain/tracking.cpp" line="564"/>
        <source>No GTIN was entered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="568"/>
        <source>A GTIN has digits only; &quot;%1&quot; is not one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="573"/>
        <source>A GTIN has 8, 12, 13 or 14 digits, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="580"/>
        <source>GTIN-%1: check digit should be %2, not %3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InvariantChecker</name>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="38"/>
        <source>ledger: %1 at %2 has on hand %3, reserved %4, but the ledger sums to %5 and %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="56"/>
        <source>reservations: %1 at %2 has %3 reserved but %4 in open allocations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="66"/>
        <source>availability: %1 at %2 has on hand %3 and reserved %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="80"/>
        <source>order line: %1 line %2 of %3 units has %4 shipped, %5 cancelled, %6 returned and %7 allocated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="92"/>
        <source>order state: closed order %1 still holds stock on line %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="99"/>
        <source>imports: external order %1/%2 exists %3 times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="106"/>
        <source>payment: %1 has %2 refunded of %3 paid (cents)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="119"/>
        <source>return: %1 has %2 restocked and %3 written off of %4 × %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="132"/>
        <source>returns: %1 line %2 counts %3 returned, but its returns list %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="143"/>
        <source>packing: %1 line %2 has %3 packed of %4 allocated at %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="159"/>
        <source>delivery: %1 is delivered without a shipment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="161"/>
        <source>delivery: %1 is delivered, but %2 of its %3 shipments are not</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="171"/>
        <source>tracking: shipment %1 of %2 is %3, but no tracking event says so</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="184"/>
        <source>tracking: shipment %1 of %2 is delivered without a delivery time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="188"/>
        <source>tracking: shipment %1 of %2 is %3 but has a delivery time (%4)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InventoryDelegate</name>
    <message>
        <location filename="../qml/InventoryDelegate.qml" line="21"/>
        <source>Out of stock</source>
        <comment>@label stock level</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryDelegate.qml" line="22"/>
        <source>Low</source>
        <comment>@label stock level</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryDelegate.qml" line="23"/>
        <source>In stock</source>
        <comment>@label stock level</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryDelegate.qml" line="27"/>
        <source>%1 at %2: %3 available</source>
        <comment>@info accessible</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InventoryPage</name>
    <message>
        <location filename="../qml/InventoryPage.qml" line="40"/>
        <source>Search SKU, product or location (Ctrl+F)</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="42"/>
        <source>Search stock</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/InventoryPage.qml" line="58"/>
        <source>%1 on hand · %2 available · %n stock line(s)</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%1 on hand · %2 available · %n stock line</numerusform>
            <numerusform>%1 on hand · %2 available · %n stock lines</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="87"/>
        <source>SKU</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="87"/>
        <source>Product</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="88"/>
        <source>Location</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="88"/>
        <source>On hand</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="89"/>
        <source>Reserved</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="89"/>
        <source>Available</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="90"/>
        <source>Level</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="116"/>
        <source>Stock levels</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Known</name>
    <message>
        <location filename="../src/services/servicecontext.cpp" line="10"/>
        <source>Unknown SKU &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/servicecontext.cpp" line="19"/>
        <source>Unknown location &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../src/ui/labels.cpp" line="13"/>
        <source>Draft</source>
        <comment>@label order status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="15"/>
        <source>Placed</source>
        <comment>@label order status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="17"/>
        <source>Backordered</source>
        <comment>@label order status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="19"/>
        <source>Allocated</source>
        <comment>@label order status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="21"/>
        <source>Picking</source>
        <comment>@label order status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="23"/>
        <source>Packed</source>
        <comment>@label order status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="25"/>
        <source>Partly shipped</source>
        <comment>@label order status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="27"/>
        <source>Shipped</source>
        <comment>@label order status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="29"/>
        <source>Delivered</source>
        <comment>@label order status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="31"/>
        <source>On hold</source>
        <comment>@label order status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="33"/>
        <source>Cancelled</source>
        <comment>@label order status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="40"/>
        <source>Pending</source>
        <comment>@label payment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="42"/>
        <source>Authorised</source>
        <comment>@label payment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="44"/>
        <source>Paid</source>
        <comment>@label payment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="46"/>
        <source>Partly refunded</source>
        <comment>@label payment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="48"/>
        <source>Refunded</source>
        <comment>@label payment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="50"/>
        <source>Voided</source>
        <comment>@label payment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="57"/>
        <source>Label created</source>
        <comment>@label shipment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="59"/>
        <source>In transit</source>
        <comment>@label shipment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="61"/>
        <source>Out for delivery</source>
        <comment>@label shipment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="63"/>
        <source>Delivered</source>
        <comment>@label shipment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="65"/>
        <source>Exception</source>
        <comment>@label shipment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="67"/>
        <source>Returned to sender</source>
        <comment>@label shipment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="74"/>
        <source>Requested</source>
        <comment>@label return status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="76"/>
        <source>Received</source>
        <comment>@label return status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="78"/>
        <source>Completed</source>
        <comment>@label return status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="80"/>
        <source>Refunded</source>
        <comment>@label return status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="82"/>
        <source>Cancelled</source>
        <comment>@label return status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="89"/>
        <source>Manual</source>
        <comment>@label sales channel</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="95"/>
        <source>Wholesale</source>
        <comment>@label sales channel</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="28"/>
        <source>Stockroom</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="80"/>
        <source>Stockroom</source>
        <comment>@title</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="96"/>
        <source>Connection…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="99"/>
        <source>Choose the database (Ctrl+Shift+D)</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="100"/>
        <source>Database connection</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="103"/>
        <source>Refresh</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="107"/>
        <source>Reload every view (F5)</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="122"/>
        <source>Database problem: %1</source>
        <comment>@info:status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="123"/>
        <source>%1 · %2</source>
        <comment>@info:status engine · database</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Main.qml" line="129"/>
        <source>%n other desktop(s) online</source>
        <comment>@info:status</comment>
        <translation>
            <numerusform>%n other desktop online</numerusform>
            <numerusform>%n other desktops online</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="133"/>
        <source>● Live</source>
        <comment>@info:status live refresh on</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="134"/>
        <source>○ Not live</source>
        <comment>@info:status live refresh off</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="136"/>
        <source>Live refresh on</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="136"/>
        <source>Live refresh off</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="140"/>
        <source>more than %1 orders</source>
        <comment>@info:status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Main.qml" line="141"/>
        <source>%n order(s)</source>
        <comment>@info:status</comment>
        <translation>
            <numerusform>%n order</numerusform>
            <numerusform>%n orders</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="166"/>
        <source>Orders</source>
        <comment>@title:tab</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="167"/>
        <source>Inventory</source>
        <comment>@title:tab</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="168"/>
        <source>Transfers</source>
        <comment>@title:tab</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="169"/>
        <source>Forecast</source>
        <comment>@title:tab</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="170"/>
        <source>Dashboard</source>
        <comment>@title:tab</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="206"/>
        <source>Transfers</source>
        <comment>@title</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="207"/>
        <source>Transfers between locations, with stock in transit, arrive with the inventory operations work.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="210"/>
        <source>Forecast</source>
        <comment>@title</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="211"/>
        <source>Demand forecasts and replenishment suggestions arrive with the forecasting work.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Migrations</name>
    <message>
        <location filename="../src/store/migrations.cpp" line="378"/>
        <source>This database has schema version %1, newer than this Stockroom knows (%2). It was left untouched: update Stockroom to open it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/migrations.cpp" line="409"/>
        <source>Schema upgrade to version %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderDelegate</name>
    <message>
        <location filename="../qml/OrderDelegate.qml" line="30"/>
        <source>Order %1, %2, %3</source>
        <comment>@info accessible</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDelegate.qml" line="30"/>
        <source>Selected: </source>
        <comment>@info accessible</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderDetailPane</name>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="72"/>
        <source>No order selected</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="95"/>
        <source>paid %1</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="96"/>
        <source>refunded %1</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="104"/>
        <source>On hold: %1</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="111"/>
        <source>Rules: %1</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="118"/>
        <source>⚠ %1 on another desktop</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/OrderDetailPane.qml" line="128"/>
        <source>Actions apply to the %n selected order(s).</source>
        <comment>@info</comment>
        <translation>
            <numerusform>Actions apply to the %n selected order.</numerusform>
            <numerusform>Actions apply to the %n selected orders.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="140"/>
        <source>Pay</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="146"/>
        <source>Release</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="152"/>
        <source>Unhold</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="152"/>
        <source>Hold</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="158"/>
        <source>Pack…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="164"/>
        <source>Ship…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="170"/>
        <source>Labels PDF</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="176"/>
        <source>Print labels…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="182"/>
        <source>Refund…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="187"/>
        <source>Return…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="192"/>
        <source>Cancel…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="207"/>
        <source>Reload</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="216"/>
        <source>Lines</source>
        <comment>@title:group</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="250"/>
        <source>from %1</source>
        <comment>@info allocation</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="251"/>
        <source>%1 packed</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="252"/>
        <source>%1 backordered</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="253"/>
        <source>%1 shipped</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="254"/>
        <source>%1 returned</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="255"/>
        <source>%1 cancelled</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="263"/>
        <source>Routing</source>
        <comment>@title:group</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="274"/>
        <source>Shipments</source>
        <comment>@title:group</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="306"/>
        <source>Add event…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="310"/>
        <source>Add a tracking event</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="347"/>
        <source>Returns</source>
        <comment>@title:group</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="372"/>
        <source>Receive…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="378"/>
        <source>Cancel return</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="384"/>
        <source>Refund</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="393"/>
        <source>History</source>
        <comment>@title:group</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="412"/>
        <source>Last change by %1</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderFlow</name>
    <message>
        <location filename="../src/services/orderflow.cpp" line="22"/>
        <source>There is no order %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderflow.cpp" line="32"/>
        <source>%1 was changed by %2 at %3 — reload?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderflow.cpp" line="34"/>
        <source>someone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderflow.cpp" line="45"/>
        <source>Order %1 was changed meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderflow.cpp" line="60"/>
        <location filename="../src/services/orderservice.cpp" line="357"/>
        <source>Order %1 is %2: it cannot be %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderflow.cpp" line="108"/>
        <source>delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderflow.cpp" line="109"/>
        <source>every parcel delivered</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderService</name>
    <message>
        <location filename="../src/services/orderservice.cpp" line="32"/>
        <source>An order needs at least one line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="35"/>
        <source>An order may have at most %1 lines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="39"/>
        <source>An order line has no SKU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="42"/>
        <source>The quantity of %1 must be between 1 and %2, not %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="49"/>
        <source>An order needs a channel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="52"/>
        <source>Unknown payment state &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="71"/>
        <source>Order %1 from %2 is already here as %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="117"/>
        <source>Unknown SKU &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="120"/>
        <source>%1 is no longer sold (inactive).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="135"/>
        <source>%1 ships only from %2; </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="205"/>
        <source>re-routed: another desktop took stock meanwhile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="231"/>
        <source>Order %1 from %2 is already here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="260"/>
        <source>placed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="277"/>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="304"/>
        <source>the rest was cancelled; what shipped stays shipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="305"/>
        <source>cancelled; reservations released</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="334"/>
        <source>A parcel weighs between 0 and 1,000 kg, not %1 g.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="358"/>
        <location filename="../src/services/orderservice.cpp" line="364"/>
        <location filename="../src/services/orderservice.cpp" line="418"/>
        <source>shipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="370"/>
        <source>Order %1 is not paid (%2): goods leave only when it is paid, or when its channel or customer pays later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/orderservice.cpp" line="430"/>
        <source>shipped %n unit(s) from %1</source>
        <translation>
            <numerusform>shipped %n unit from %1</numerusform>
            <numerusform>shipped %n units from %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="284"/>
        <location filename="../src/services/orderservice.cpp" line="400"/>
        <source>The stock of order %1 at %2 is not reserved as recorded; run check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="376"/>
        <source>Order %1 has nothing allocated to ship yet (backordered).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <location filename="../qml/OrdersPage.qml" line="195"/>
        <source>Cancel %1?</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="202"/>
        <source>Its reserved stock goes back on sale.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="312"/>
        <source>Allocated</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="311"/>
        <source>Backordered</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/OrdersPage.qml" line="212"/>
        <source>Put %n order(s) on hold</source>
        <comment>@title:window</comment>
        <translation>
            <numerusform>Put %n order on hold</numerusform>
            <numerusform>Put %n orders on hold</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="220"/>
        <source>Reason (the stock stays reserved):</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="226"/>
        <source>e.g. address check</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="227"/>
        <source>Hold reason</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="239"/>
        <source>Refund %1</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="248"/>
        <source>Amount:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="255"/>
        <source>Refund amount</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="258"/>
        <source>Note:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="264"/>
        <source>Refund note</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="293"/>
        <source>Search order, customer, e-mail, SKU, tracking (Ctrl+F)</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="295"/>
        <source>Search orders</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="310"/>
        <source>Any status</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="313"/>
        <source>On hold</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="314"/>
        <source>Picking</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="315"/>
        <source>Packed</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="316"/>
        <source>Partly shipped</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="317"/>
        <source>Shipped</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="318"/>
        <source>Delivered</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="319"/>
        <source>Cancelled</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="322"/>
        <source>Filter by status</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="329"/>
        <source>Any payment</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="330"/>
        <source>Pending</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="331"/>
        <source>Authorised</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="332"/>
        <source>Paid</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="333"/>
        <source>Partly refunded</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="334"/>
        <source>Refunded</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="335"/>
        <source>Voided</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="338"/>
        <source>Filter by payment</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="342"/>
        <source>Any channel</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="344"/>
        <source>Filter by channel</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="348"/>
        <source>Any location</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="350"/>
        <source>Filter by location</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="357"/>
        <source>Newest first</source>
        <comment>@item:inlistbox sort</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="358"/>
        <source>Oldest first</source>
        <comment>@item:inlistbox sort</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="359"/>
        <source>Highest total</source>
        <comment>@item:inlistbox sort</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="360"/>
        <source>Lowest total</source>
        <comment>@item:inlistbox sort</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="361"/>
        <source>Highest number</source>
        <comment>@item:inlistbox sort</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="362"/>
        <source>Lowest number</source>
        <comment>@item:inlistbox sort</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="369"/>
        <source>Sort orders</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="373"/>
        <source>From yyyy-mm-dd</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="376"/>
        <source>Placed from date</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="380"/>
        <source>To yyyy-mm-dd</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="383"/>
        <source>Placed until date</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="388"/>
        <source>Pick list…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="391"/>
        <source>Print the pick list of a location</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/OrdersPage.qml" line="413"/>
        <source>%1 selected · %n order(s)</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%1 selected · %n order</numerusform>
            <numerusform>%1 selected · %n orders</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="415"/>
        <source>Showing %1 of more than %2 orders</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/OrdersPage.qml" line="416"/>
        <source>Showing %1 of %n order(s)</source>
        <comment>@info</comment>
        <translation>
            <numerusform>Showing %1 of %n order</numerusform>
            <numerusform>Showing %1 of %n orders</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="454"/>
        <source>Order</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="455"/>
        <source>Placed</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="456"/>
        <source>Customer</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="457"/>
        <source>Channel</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="458"/>
        <source>Status</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="459"/>
        <source>Payment</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="460"/>
        <source>Units</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="461"/>
        <source>Total</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="510"/>
        <source>Orders</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PackDialog</name>
    <message>
        <location filename="../qml/PackDialog.qml" line="23"/>
        <source>Pack %1</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/PackDialog.qml" line="39"/>
        <source>✓ %1</source>
        <comment>@info scanned</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/PackDialog.qml" line="67"/>
        <source>Scan an item (SKU or barcode) and press Enter</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/PackDialog.qml" line="68"/>
        <source>Scanned barcode</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/PackDialog.qml" line="104"/>
        <source>%1 of %2</source>
        <comment>@info packed of to pack</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/PackDialog.qml" line="113"/>
        <source>Packed completely: ship it (Ctrl+Shift+S) and print the label.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PackingSlip</name>
    <message>
        <location filename="../src/io/packingslip.cpp" line="28"/>
        <source>Order %1 has no lines to pack.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="34"/>
        <source>Packing slip %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="46"/>
        <source>Packing slip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="50"/>
        <source>Ship to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="51"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="53"/>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="58"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="64"/>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="64"/>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="64"/>
        <source>Ordered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="65"/>
        <source>In this parcel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="65"/>
        <source>Checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/io/packingslip.cpp" line="80"/>
        <source>%n item(s) will follow in another parcel.</source>
        <translation>
            <numerusform>%n item will follow in another parcel.</numerusform>
            <numerusform>%n items will follow in another parcel.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PickList</name>
    <message numerus="yes">
        <location filename="../src/io/picklist.cpp" line="252"/>
        <source>+%n more</source>
        <comment>@info more order numbers than fit</comment>
        <translation>
            <numerusform>+%n more</numerusform>
            <numerusform>+%n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/io/picklist.cpp" line="258"/>
        <source>%n order(s)</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n order</numerusform>
            <numerusform>%n orders</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="338"/>
        <source>Pick list — %1</source>
        <comment>@title</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="346"/>
        <source>Generated %1</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="347"/>
        <source>Generated %1 by %2</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="401"/>
        <source>Bin</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="402"/>
        <source>SKU</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="403"/>
        <source>Product</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="404"/>
        <source>Qty</source>
        <comment>@title:column quantity</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="405"/>
        <source>Orders</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="424"/>
        <source>No bin</source>
        <comment>@title a group of products without a bin</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="425"/>
        <source>Bin %1</source>
        <comment>@title</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="427"/>
        <source>%1 (continued)</source>
        <comment>@title a bin group on a new page</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="470"/>
        <source>GTIN %1</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="496"/>
        <source>Lines: %1</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="497"/>
        <source>Units: %1</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="498"/>
        <source>Orders: %1</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="507"/>
        <source>Nothing to pick</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="517"/>
        <source>Page %1 of %2</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="608"/>
        <source>SKU %1 in bin %2 has quantity %3; a pick list needs at least 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="616"/>
        <source>Pick list %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="620"/>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="624"/>
        <source>Cannot finish %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <location filename="../qml/PlaceholderPage.qml" line="33"/>
        <source>Not built yet</source>
        <comment>@info placeholder view</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="25"/>
        <source>Return from %1</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="26"/>
        <source>Receive return %1</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="88"/>
        <source>of %1 shipped</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="97"/>
        <source>Units of %1 coming back</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="106"/>
        <source>Reason (e.g. wrong size)</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="107"/>
        <source>Return reason</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="127"/>
        <source>%1 × %2</source>
        <comment>@label qty × sku</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="134"/>
        <source>Restock</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="143"/>
        <source>Units of %1 to restock</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="150"/>
        <source>Restock at</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="153"/>
        <source>Write off</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="161"/>
        <source>Units of %1 to write off</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="170"/>
        <source>damaged</source>
        <comment>@item:inlistbox write-off reason</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="171"/>
        <source>expired</source>
        <comment>@item:inlistbox write-off reason</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="172"/>
        <source>lost</source>
        <comment>@item:inlistbox write-off reason</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="174"/>
        <source>Write-off reason</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="181"/>
        <source>Nothing shipped can come back any more.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="182"/>
        <source>Everything of this return is received.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReturnService</name>
    <message>
        <location filename="../src/services/returnservice.cpp" line="16"/>
        <source>&quot;%1&quot; is not a return number (RMA-000012).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="20"/>
        <source>There is no return %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="42"/>
        <source>Return %1 is %2: it cannot be %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="57"/>
        <source>A return needs at least one line (SKU and quantity).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="61"/>
        <location filename="../src/services/returnservice.cpp" line="137"/>
        <source>The quantity of %1 must be at least 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="96"/>
        <source>%1 is not in order %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="100"/>
        <source>Only %1 × %2 of order %3 shipped and %4 are returned already: %5 more cannot come back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="112"/>
        <source>Order %1 was changed meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="120"/>
        <source>return %1 requested: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="133"/>
        <source>Say what happens to the returned units: restock or write off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="140"/>
        <source>Restocking %1 needs a location.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="143"/>
        <source>Writing off %1 needs a reason: %2, not &quot;%3&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="153"/>
        <location filename="../src/services/returnservice.cpp" line="208"/>
        <location filename="../src/services/returnservice.cpp" line="233"/>
        <source>received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="169"/>
        <source>Return %1 expects no more %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="172"/>
        <source>Return %1 expects %2 × %3, not %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="188"/>
        <source>%1 never shipped; say where it is written off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="203"/>
        <source>%1 × %2 restocked at %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="212"/>
        <source>The written-off units of %1 could not be booked out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="221"/>
        <source>%1 × %2 written off (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="238"/>
        <source>return %1 received: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="254"/>
        <source>refunded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="269"/>
        <source>A refund must be more than 0.00.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="274"/>
        <source>%1 was paid %2 and refunded %3 already: %4 more cannot be refunded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="283"/>
        <source>The payment of %1 is %2: nothing can be refunded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="290"/>
        <source>refunded %1 for return %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="305"/>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="312"/>
        <source>The returned count of %1 does not match return %2; run check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="318"/>
        <source>return %1 cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RoutingPolicy</name>
    <message>
        <location filename="../src/domain/routing.cpp" line="100"/>
        <source>%1 lacked %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/domain/routing.cpp" line="238"/>
        <source>Shipped from %1: only location with all %n line(s)</source>
        <translation>
            <numerusform>Shipped from %1: only location with the line in stock</numerusform>
            <numerusform>Shipped from %1: only location with all %n lines</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/domain/routing.cpp" line="250"/>
        <source>Shipped from %1: all %n line(s) in stock, nearest to the customer&apos;s postcode</source>
        <translation>
            <numerusform>Shipped from %1: in stock, nearest to the customer&apos;s postcode</numerusform>
            <numerusform>Shipped from %1: all %n lines in stock, nearest to the customer&apos;s postcode</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/domain/routing.cpp" line="255"/>
        <source>Shipped from %1: all %n line(s) in stock, same region as the customer</source>
        <translation>
            <numerusform>Shipped from %1: in stock, same region as the customer</numerusform>
            <numerusform>Shipped from %1: all %n lines in stock, same region as the customer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/domain/routing.cpp" line="258"/>
        <source>Shipped from %1: all %n line(s) in stock, first by priority</source>
        <translation>
            <numerusform>Shipped from %1: in stock, first by priority</numerusform>
            <numerusform>Shipped from %1: all %n lines in stock, first by priority</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/domain/routing.cpp" line="262"/>
        <source>also complete: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/domain/routing.cpp" line="291"/>
        <location filename="../src/domain/routing.cpp" line="315"/>
        <source>Split over %1: no single location had all %n line(s)</source>
        <translation>
            <numerusform>Split over %1: no single location had enough</numerusform>
            <numerusform>Split over %1: no single location had all %n lines</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/domain/routing.cpp" line="318"/>
        <source>Backordered %1: no location has stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/routing.cpp" line="321"/>
        <source>Backordered %1: not enough stock anywhere; the rest from %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShipDialog</name>
    <message>
        <location filename="../qml/ShipDialog.qml" line="22"/>
        <source>Ship %1</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="27"/>
        <source>Ship</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="47"/>
        <source>⚠ %1 on another desktop: make sure nobody else is packing it.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="53"/>
        <source>Carrier:</source>
        <comment>@label:listbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="61"/>
        <source>Carrier</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="64"/>
        <source>Service:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="70"/>
        <source>e.g. Tracked 48</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="71"/>
        <source>Service</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="74"/>
        <source>Weight (kg):</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="81"/>
        <source>Weight in kilograms</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="84"/>
        <source>Tracking:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="91"/>
        <source>scan or type the tracking number</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="92"/>
        <source>Tracking number</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="104"/>
        <source>Open the shipping label to print</source>
        <comment>@option:check</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="112"/>
        <source>✓ Valid %1 number</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="113"/>
        <source>✗ Invalid: %1</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="114"/>
        <source>? %1</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShippingLabel</name>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="44"/>
        <source>A Code 128 barcode takes 1 to 80 Latin-1 characters, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="48"/>
        <source>The barcode library could not start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="56"/>
        <source>Cannot encode &quot;%1&quot; as Code 128: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="59"/>
        <source>The barcode library could not draw &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="114"/>
        <source>There are no labels to print.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="118"/>
        <source>Order %1 has no tracking number to print.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="126"/>
        <source>Shipping label %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/io/shippinglabel.cpp" line="127"/>
        <source>%n shipping label(s)</source>
        <translation>
            <numerusform>%n shipping label</numerusform>
            <numerusform>%n shipping labels</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="131"/>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="175"/>
        <location filename="../src/io/zpllabel.cpp" line="165"/>
        <source>FROM</source>
        <comment>@label on a shipping label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="182"/>
        <location filename="../src/io/zpllabel.cpp" line="178"/>
        <source>SHIP TO</source>
        <comment>@label on a shipping label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="193"/>
        <location filename="../src/io/zpllabel.cpp" line="195"/>
        <source>Weight: %1 kg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="194"/>
        <location filename="../src/io/zpllabel.cpp" line="196"/>
        <source>Order: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="195"/>
        <location filename="../src/io/zpllabel.cpp" line="197"/>
        <source>Date: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="144"/>
        <source>Cannot finish %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StockService</name>
    <message>
        <location filename="../src/services/stockservice.cpp" line="19"/>
        <source>A receipt needs a quantity between 1 and %1, not %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/stockservice.cpp" line="31"/>
        <source>An adjustment needs a non-zero change within ±%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/stockservice.cpp" line="34"/>
        <source>An adjustment needs a reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/stockservice.cpp" line="53"/>
        <source>Not enough stock to take %1 × %2 off at %3: %4 available (%5 on hand, %6 reserved).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Stockroom::ChangeFeed</name>
    <message>
        <location filename="../src/store/changefeed.cpp" line="86"/>
        <source>Cannot listen for changes: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Stockroom::ConnectionSettings</name>
    <message>
        <location filename="../src/ui/connectionsettings.cpp" line="67"/>
        <source>Choose a database file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/connectionsettings.cpp" line="69"/>
        <source>A PostgreSQL connection needs a host and a database name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/connectionsettings.cpp" line="71"/>
        <source>The port must be between 1 and 65535.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Stockroom::DatabaseWorker</name>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker.cpp" line="355"/>
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="357"/>
        <source>Nothing was imported:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="387"/>
        <source>Unknown action &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="393"/>
        <source>%1 cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="395"/>
        <source>%1 shipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="397"/>
        <source>%1 marked paid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="399"/>
        <source>Payment of %1 authorised.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="401"/>
        <source>Payment of %1 voided.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="403"/>
        <source>Refund for %1 recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="405"/>
        <source>%1 is on hold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="407"/>
        <source>%1 is off hold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="409"/>
        <source>%1 released for picking.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="411"/>
        <source>Return for %1 created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="413"/>
        <source>Return %1 received.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="415"/>
        <source>Return %1 refunded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="417"/>
        <source>Return %1 cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="419"/>
        <source>Tracking event for %1 recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="421"/>
        <source>Tracking events of %1 imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker.cpp" line="470"/>
        <source>%n order(s) done</source>
        <translation>
            <numerusform>%n order done</numerusform>
            <numerusform>%n orders done</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker.cpp" line="472"/>
        <source>%n refused</source>
        <translation>
            <numerusform>%n refused</numerusform>
            <numerusform>%n refused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker.cpp" line="535"/>
        <source>Pick list for %1: %n order(s), written to %2.</source>
        <translation>
            <numerusform>Pick list for %1: %n order, written to %2.</numerusform>
            <numerusform>Pick list for %1: %n orders, written to %2.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="545"/>
        <source>None of these orders has shipped with a tracking number yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker.cpp" line="549"/>
        <source>%n label(s) written to %1.</source>
        <translation>
            <numerusform>%n label written to %1.</numerusform>
            <numerusform>%n labels written to %1.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="552"/>
        <source>Not shipped yet, no label: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Stockroom::OrderActions</name>
    <message>
        <location filename="../src/ui/orderactions.cpp" line="88"/>
        <source>&quot;%1&quot; is not a weight in kilograms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/orderactions.cpp" line="122"/>
        <source>&quot;%1&quot; is not an amount to refund.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/orderactions.cpp" line="185"/>
        <source>None of these orders has shipped with a tracking number yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/orderactions.cpp" line="192"/>
        <source>%n shipping label(s)</source>
        <translation>
            <numerusform>%n shipping label</numerusform>
            <numerusform>%n shipping labels</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/orderactions.cpp" line="194"/>
        <source>Print %n label(s)</source>
        <translation>
            <numerusform>Print %n label</numerusform>
            <numerusform>Print %n labels</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/orderactions.cpp" line="196"/>
        <source>Printing cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/orderactions.cpp" line="201"/>
        <source>The printer could not be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/orderactions.cpp" line="221"/>
        <source>%n label(s) sent to the printer.</source>
        <translation>
            <numerusform>%n label sent to the printer.</numerusform>
            <numerusform>%n labels sent to the printer.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/orderactions.cpp" line="224"/>
        <source>Not shipped yet, no label: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Stockroom::OrderDetailController</name>
    <message>
        <location filename="../src/ui/orderdetailcontroller.cpp" line="63"/>
        <source>pays later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/orderdetailcontroller.cpp" line="66"/>
        <source>ships only from %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Stockroom::PresenceTracker</name>
    <message>
        <location filename="../src/ui/presencetracker.cpp" line="50"/>
        <source>%1 is viewing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/presencetracker.cpp" line="51"/>
        <source>%1 is %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Stockroom::Session</name>
    <message numerus="yes">
        <location filename="../src/ui/session.cpp" line="117"/>
        <source>%1 (trying again in %n s)</source>
        <translation>
            <numerusform>%1 (trying again in %n second)</numerusform>
            <numerusform>%1 (trying again in %n seconds)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/session.cpp" line="147"/>
        <source>Live refresh paused: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrackingDialog</name>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="24"/>
        <source>Tracking %1</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="36"/>
        <source>Import a carrier&apos;s tracking file</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="37"/>
        <source>CSV files (*.csv)</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="37"/>
        <source>All files (*)</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="49"/>
        <source>Status:</source>
        <comment>@label:listbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="58"/>
        <source>In transit</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="59"/>
        <source>Out for delivery</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="60"/>
        <source>Delivered</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="61"/>
        <source>Exception (failed attempt, damage…)</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="62"/>
        <source>Returned to sender</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="64"/>
        <source>Tracking status</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="67"/>
        <source>Place:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="73"/>
        <source>Place</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="76"/>
        <source>Note:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="82"/>
        <source>Note</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="87"/>
        <source>Import a carrier&apos;s CSV file…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrackingImport</name>
    <message>
        <location filename="../src/io/trackingimport.cpp" line="65"/>
        <source>tracking number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/trackingimport.cpp" line="67"/>
        <source>status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/trackingimport.cpp" line="69"/>
        <source>time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/trackingimport.cpp" line="71"/>
        <source>place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/trackingimport.cpp" line="73"/>
        <source>description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/trackingimport.cpp" line="115"/>
        <source>the file is empty: expected the header line %1 and one line per event.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/trackingimport.cpp" line="140"/>
        <source>no %1 column (one of: %2); expected a header like %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/trackingimport.cpp" line="166"/>
        <source>the columns %1 all give the %2: keep one of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/trackingimport.cpp" line="203"/>
        <source>%1 fields where the header has %2 (a comma in a field that is not quoted?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/trackingimport.cpp" line="217"/>
        <location filename="../src/io/trackingimport.cpp" line="220"/>
        <location filename="../src/io/trackingimport.cpp" line="229"/>
        <source>empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/trackingimport.cpp" line="224"/>
        <source>unknown status &quot;%1&quot; (expected one of %2, or a carrier&apos;s words such as &quot;Out for Delivery&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/trackingimport.cpp" line="233"/>
        <source>&quot;%1&quot; is not a date and time (use 2026-11-27T14:05:00+01:00; without an offset it is UTC).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrackingNumbers</name>
    <message>
        <location filename="../src/domain/tracking.cpp" line="58"/>
        <source>UPS 1Z number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="65"/>
        <source>UPS waybill number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="72"/>
        <source>UPU S10 item number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="80"/>
        <location filename="../src/domain/tracking.cpp" line="90"/>
        <source>USPS IMpb number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="100"/>
        <source>FedEx Ground 96 number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="107"/>
        <source>FedEx Ground 34-digit barcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="114"/>
        <source>FedEx ASTRA barcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="120"/>
        <source>FedEx Express 34-digit barcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="126"/>
        <location filename="../src/domain/tracking.cpp" line="134"/>
        <source>OnTrac number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="142"/>
        <source>Old Dominion PRO number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="147"/>
        <source>Old Dominion guaranteed PRO number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="152"/>
        <source>FedEx Express 12-digit number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="158"/>
        <source>Purolator 12-digit number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="163"/>
        <source>DHL Express waybill number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="168"/>
        <source>FedEx Ground 15-digit number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="175"/>
        <source>DPD parcel number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="180"/>
        <source>Canada Post 16-digit number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="188"/>
        <source>SSCC-18 (FedEx Ground) number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="196"/>
        <source>USPS 20-digit number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="204"/>
        <source>USPS confirmation number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="212"/>
        <source>DPD 28-digit barcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="218"/>
        <source>Amazon Logistics number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="222"/>
        <source>Canpar number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="226"/>
        <source>DHL Express piece ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="230"/>
        <source>DHL eCommerce number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="234"/>
        <source>GOFO Express number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="238"/>
        <source>Landmark Global number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="242"/>
        <location filename="../src/domain/tracking.cpp" line="246"/>
        <location filename="../src/domain/tracking.cpp" line="250"/>
        <location filename="../src/domain/tracking.cpp" line="254"/>
        <source>LaserShip number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="258"/>
        <source>Purolator number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="262"/>
        <source>Spee-Dee number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="266"/>
        <source>Yodel number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="270"/>
        <source>YunExpress number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="471"/>
        <source>No tracking number was entered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="491"/>
        <source>%1: this kind of number has no check digit, so only its shape was checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="499"/>
        <source>%1: %2 is not the country code of a postal service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="515"/>
        <source>%1: check digit should be %2, not %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="535"/>
        <source>Not a tracking number format we know: accepted, but check it against the label.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrackingService</name>
    <message>
        <location filename="../src/services/trackingservice.cpp" line="24"/>
        <source>Line %1: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/trackingservice.cpp" line="28"/>
        <source>unknown tracking status &quot;%1&quot; (expected one of %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/trackingservice.cpp" line="36"/>
        <source>&quot;%1&quot; is not a date and time (use 2026-11-27T14:05:00+01:00).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/trackingservice.cpp" line="43"/>
        <source>no shipment has tracking number &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/trackingservice.cpp" line="67"/>
        <source>Shipment %1 is %2: it cannot become %3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ZplLabel</name>
    <message>
        <location filename="../src/io/zpllabel.cpp" line="36"/>
        <source>Label printers print at 152, 203, 300 or 600 dpi, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/zpllabel.cpp" line="41"/>
        <source>Order %1 has no tracking number to print.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/zpllabel.cpp" line="45"/>
        <source>A ZPL barcode takes 1 to 80 ASCII characters other than &quot;&gt;&quot;, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/zpllabel.cpp" line="217"/>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../src/ui/main.cpp" line="64"/>
        <source>Order and inventory management.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="68"/>
        <source>Database: a file, sqlite:PATH or postgresql://user@host:port/db.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="73"/>
        <source>Language of the interface (en, de).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="77"/>
        <source>Render a view to a PNG file and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="80"/>
        <source>The view to open: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="83"/>
        <source>Window size, e.g. 1400x900.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="87"/>
        <source>With --screenshot: wait this long after the data arrived (live changes show up meanwhile).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="93"/>
        <source>Start the inventory view with this search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="96"/>
        <source>Who is working (default: $USER).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="100"/>
        <source>Open a dialog at start: connection; pack, ship, return, receive or track (the first order shown), import (a carrier file).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="110"/>
        <source>unknown view &quot;%1&quot;; use one of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="118"/>
        <source>--size takes WIDTHxHEIGHT, e.g. 1400x900.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="135"/>
        <source>no translation for language &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="170"/>
        <source>the interface failed to load.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="174"/>
        <source>the interface has no window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="199"/>
        <source>cannot write the screenshot %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="212"/>
        <source>the data did not arrive within 30 s.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stockroomctl</name>
    <message>
        <location filename="../src/cli/commands.cpp" line="77"/>
        <location filename="../src/cli/commands.cpp" line="755"/>
        <location filename="../src/cli/commands.cpp" line="961"/>
        <source>stockroomctl: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="124"/>
        <source>--%1 must be a whole number from %2 to %3, not &quot;%4&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="241"/>
        <source>Database %1 is ready (schema version %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="256"/>
        <source>--seed must be a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="269"/>
        <source>--end-date must be a date like 2026-11-26.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="281"/>
        <source><byte value="xd"/>demo: day %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="320"/>
        <source>Demo data: %1 products at %2 locations, %3 orders (%4 lines; %5 shipped, %6 backordered at placement, %7 cancelled), %8 receipts in %9 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="345"/>
        <source>receive needs --sku, --location and --qty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="150"/>
        <source>%1 at %2: %3 on hand, %4 reserved, %5 available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="165"/>
        <source>--%1 takes an amount like 12.50 (a dot, at most two decimals), not &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="190"/>
        <source>--weight takes kilograms like 0.9 or 12.345 (a dot, at most three decimals), not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="206"/>
        <source>--%1 takes %2, not &quot;%3&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="213"/>
        <source>stockroomctl: warning: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="293"/>
        <source><byte value="xd"/>demo: %1 of %2 archived orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="334"/>
        <source>Archived orders before them: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="359"/>
        <source>adjust needs --sku, --location, --delta and --reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="373"/>
        <source>place-order needs at least one --line SKU:QTY.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="380"/>
        <source>--line takes SKU:QTY, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="401"/>
        <source>%1 %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="405"/>
        <source>%1 from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="408"/>
        <source>%1 backordered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="420"/>
        <source>cancel-order takes one order number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="429"/>
        <location filename="../src/cli/commands.cpp" line="466"/>
        <location filename="../src/cli/commands.cpp" line="797"/>
        <location filename="../src/cli/commands.cpp" line="808"/>
        <source>%1 is %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="438"/>
        <source>ship-order takes one order number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="468"/>
        <source>  shipment %1 from %2: %3 units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="490"/>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="491"/>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="492"/>
        <source>On hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="493"/>
        <source>Reserved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="494"/>
        <source>Available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="517"/>
        <source>All invariants hold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="531"/>
        <location filename="../src/cli/commands.cpp" line="593"/>
        <source>There is no order %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="537"/>
        <source>Order %1 has not shipped yet: ship it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="548"/>
        <source>label takes one order number and --out FILE.pdf, --zpl FILE.zpl or both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="574"/>
        <source>Label for %1 written to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="577"/>
        <source>ZPL label for %1 (%2 dpi) written to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="588"/>
        <source>packing-slip takes one order number and --out FILE.pdf.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="618"/>
        <source>Packing slip for %1 written to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="633"/>
        <source>--after takes a change sequence number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="664"/>
        <source>stockroomctl: watch: %1 (retrying)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="683"/>
        <source>Removed %1 change log rows older than %2 days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="694"/>
        <source>pay takes one order number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="700"/>
        <source>pay takes one of --authorize, --void and --refund.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="703"/>
        <source>--amount is what is paid; a refund takes its amount as --refund AMOUNT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="706"/>
        <source>--note goes with --refund.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="735"/>
        <location filename="../src/cli/commands.cpp" line="1211"/>
        <source>%1: payment %2 (%3 paid, %4 refunded, total %5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="779"/>
        <source>hold takes one or more order numbers and --reason TEXT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="785"/>
        <source>%1 is on hold: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="792"/>
        <source>unhold takes one or more order numbers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="803"/>
        <source>release takes one or more order numbers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="818"/>
        <source>pick-list takes --location CODE and --out FILE.pdf.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="828"/>
        <source>--paper takes a4 or letter, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="848"/>
        <source>Pick list for %1 written to %2 (lines: %3, units: %4, orders: %5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="861"/>
        <source>pack takes one order number and --scan BARCODE (repeat for more).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="891"/>
        <source>%1 is %2: all %3 units packed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="894"/>
        <source>%1 is %2: %3 of %4 units packed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="903"/>
        <source>%1/%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="928"/>
        <source>track validate takes one tracking number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="944"/>
        <source>%1: %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="952"/>
        <source>%1: no known carrier&apos;s format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="955"/>
        <source>%1 has no format we know; check it with the carrier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="968"/>
        <source>track add takes one tracking number and --status STATUS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="986"/>
        <source>%1: this event is recorded already; %2 is %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="990"/>
        <source>%1 is %2; %3 is %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1001"/>
        <source>track import takes one CSV file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1026"/>
        <source>no shipment has tracking number &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/commands.cpp" line="1044"/>
        <source>%1: %n problem(s); nothing was imported.</source>
        <translation>
            <numerusform>%1: %n problem; nothing was imported.</numerusform>
            <numerusform>%1: %n problems; nothing was imported.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1057"/>
        <source>%1: events %2, added %3, duplicates %4, state kept %5 (older or out of sequence), orders delivered %6.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1083"/>
        <source>track takes add NUMBER --status S, import FILE or validate NUMBER.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1110"/>
        <source>%1 for %2 is %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1113"/>
        <source>Reason: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1117"/>
        <source>  %1 × %2: %3 restocked, %4 written off, %5 open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1126"/>
        <source>  %1 restocked units went to waiting backorders.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1135"/>
        <source>return create takes one order number and --line SKU:QTY (repeat for more).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1158"/>
        <source>return receive takes one return number and --restock SKU:QTY@LOCATION or --writeoff SKU:QTY:REASON (repeat for more).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1166"/>
        <source>--restock takes SKU:QTY@LOCATION, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1178"/>
        <source>--writeoff takes SKU:QTY:REASON (%1), not &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1196"/>
        <source>return refund takes one return number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1236"/>
        <source>return cancel takes one return number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1245"/>
        <source>return show takes one return number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1347"/>
        <source>%1 is %2; payment %3 (%4 paid, %5 refunded, total %6).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1351"/>
        <source>Channel %1%2; customer %3; region %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1354"/>
        <location filename="../src/cli/commands.cpp" line="1355"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1357"/>
        <source>Placed %1; version %2, last changed by %3 at %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1363"/>
        <source>On hold: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1366"/>
        <source>Routing: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1369"/>
        <source>Rules: %1; ships from %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1370"/>
        <location filename="../src/cli/commands.cpp" line="1494"/>
        <source>pays later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1370"/>
        <location filename="../src/cli/commands.cpp" line="1494"/>
        <source>pays first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1371"/>
        <location filename="../src/cli/commands.cpp" line="1495"/>
        <source>any location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1375"/>
        <source>Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1379"/>
        <source>  %1. %2 × %3 %4 at %5: %6 shipped, %7 backordered, %8 cancelled, %9 returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1390"/>
        <source>Allocations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1392"/>
        <source>  %1 × %2 at %3, %4 packed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1400"/>
        <source>Shipments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1405"/>
        <source>  %1 from %2: %3 units, %4%5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1424"/>
        <source>Returns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1433"/>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1444"/>
        <source>order takes one order number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1503"/>
        <source>channel takes one channel name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1512"/>
        <source>There is no channel &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1470"/>
        <source>--pay-later takes yes or no, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1252"/>
        <source>return takes create ORDER, receive RMA, refund RMA, cancel RMA or show RMA.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1517"/>
        <source>Channel %1: %2; ships from %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1524"/>
        <source>customer takes one customer name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1538"/>
        <source>There is no customer &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1545"/>
        <source>Customer %1: %2; ships from %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1555"/>
        <source>bin takes --sku SKU, --location CODE and --bin CODE (empty to clear).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1565"/>
        <source>%1 at %2 has no bin now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1567"/>
        <source>%1 at %2 is in bin %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1577"/>
        <source>Create or upgrade the database schema.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1578"/>
        <source>Fill an empty database with deterministic demo data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1580"/>
        <source>Random seed (default 42).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1581"/>
        <source>Number of products (default 40).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1583"/>
        <source>Number of locations (default 3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1585"/>
        <source>Days of order history (default 730).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1587"/>
        <source>Last day of the history (default yesterday).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1590"/>
        <source>Also add N archived (delivered) orders before the history, e.g. 1000000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1594"/>
        <source>Book a receipt of stock.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1596"/>
        <location filename="../src/cli/commands.cpp" line="1604"/>
        <location filename="../src/cli/commands.cpp" line="1748"/>
        <source>Product SKU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1597"/>
        <location filename="../src/cli/commands.cpp" line="1605"/>
        <location filename="../src/cli/commands.cpp" line="1676"/>
        <location filename="../src/cli/commands.cpp" line="1749"/>
        <source>Location code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1598"/>
        <source>Units received.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1599"/>
        <source>Free text for the ledger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1602"/>
        <source>Correct stock on hand, with a reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1606"/>
        <source>Units to add (positive) or take off (negative).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1608"/>
        <source>Why (kept in the ledger).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1612"/>
        <source>Place an order: reserve, route, backorder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1614"/>
        <source>An order line; repeat for more lines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1616"/>
        <source>Sales channel (default manual).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1618"/>
        <source>The channel&apos;s order id (imports once only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1620"/>
        <source>Customer name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1622"/>
        <source>Ship-to postcode: among locations of equal priority, the nearest ships.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1624"/>
        <source>The customer&apos;s e-mail address (new customers).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1626"/>
        <source>Ship-to region, breaks ties between locations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1628"/>
        <source>Payment state (default pending).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1632"/>
        <source>Cancel an open order and release its stock.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1635"/>
        <location filename="../src/cli/commands.cpp" line="1646"/>
        <location filename="../src/cli/commands.cpp" line="1660"/>
        <source>Refuse if the order is no longer at this version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1638"/>
        <source>Ship what is allocated to an order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1640"/>
        <source>Carrier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1641"/>
        <source>Carrier service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1642"/>
        <source>Tracking number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1643"/>
        <source>Parcel weight in kilograms (e.g. 0.9).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1649"/>
        <source>Take the payment of an order, or authorize, void or refund it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1652"/>
        <source>The amount paid, e.g. 12.50 (default: the total).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1653"/>
        <source>Only authorize the payment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1654"/>
        <source>Void a pending or authorized payment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1655"/>
        <source>Refund this amount of a paid order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1657"/>
        <source>Why (kept in the order&apos;s history; with --refund).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1663"/>
        <source>Put orders on hold, keeping their reservations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1665"/>
        <source>Why (e.g. &quot;address check&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1669"/>
        <source>Take orders off hold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1671"/>
        <source>Release paid (or pay-later) orders for picking.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1674"/>
        <source>Write the pick list of a location as PDF.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1737"/>
        <source>Show or set a customer&apos;s rules (pay later, ships only from).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1739"/>
        <source>Whether their orders may ship before payment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1742"/>
        <source>The only locations their orders ship from, comma-separated (&quot;&quot; for any).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1754"/>
        <source>Show on hand, reserved and available per product and location.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1756"/>
        <source>Only this SKU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1757"/>
        <source>Only this location.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1758"/>
        <source>Print CSV.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1762"/>
        <source>Verify every invariant of the ledger; exit 0 only when all hold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1677"/>
        <location filename="../src/cli/commands.cpp" line="1768"/>
        <location filename="../src/cli/commands.cpp" line="1778"/>
        <source>The PDF file to write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1678"/>
        <source>a4 or letter (default: by locale).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1683"/>
        <source>Pack an order by scanning its items (without --scan: the progress).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1685"/>
        <source>A scanned SKU or GTIN; repeat for more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1690"/>
        <source>Show an order in full: lines, allocations, shipments, returns, history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1695"/>
        <source>Tracking: add NUMBER --status S, import FILE.csv, validate NUMBER.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1697"/>
        <source>add: the parcel&apos;s state or the carrier&apos;s words.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1700"/>
        <source>add: when (ISO 8601; UTC without an offset; default now).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1702"/>
        <source>add: where.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1703"/>
        <source>add: the carrier&apos;s description.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1711"/>
        <source>Returns: create ORDER, receive RMA, refund RMA, show RMA.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1713"/>
        <source>create: a returned line; repeat for more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1715"/>
        <source>create: why the customer sends it back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1718"/>
        <source>receive: units back on a shelf; repeat for more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1721"/>
        <source>receive: units written off (damaged, expired, lost); repeat for more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1724"/>
        <source>refund: the amount (default: the lines at the prices paid).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1728"/>
        <source>Show or set a sales channel&apos;s rules.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1730"/>
        <source>Whether its orders may ship before payment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1733"/>
        <source>The only locations it ships from, comma-separated (&quot;&quot; for any).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1746"/>
        <source>Set the bin a product is picked from at a location.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1750"/>
        <source>The bin, e.g. A-03 (empty to clear).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1766"/>
        <source>Write the 4×6 inch shipping label of a shipped order as PDF and/or ZPL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1769"/>
        <source>The ZPL file to write (thermal label printers).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1771"/>
        <source>The label printer&apos;s resolution (default 203).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1776"/>
        <source>Write the packing slip of an order as PDF (A4 or Letter by locale).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1781"/>
        <source>Print every committed change as one JSON line as it arrives.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1783"/>
        <source>Exit after N changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1784"/>
        <source>Start after this change number (default: now).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1787"/>
        <source>SQLite: how often to look for commits (default 25).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1791"/>
        <source>Delete old change log rows (desktops that were away longer reload).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1793"/>
        <source>Keep this many days (default 30).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1802"/>
        <source>Usage: stockroomctl [--db CONN] COMMAND [options]

Commands:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1807"/>
        <source>Same as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1810"/>
        <source>
CONN: a file path, sqlite:PATH or postgresql://user[:password]@host[:port]/dbname.
Exit codes: 0 done, 1 refused, 2 usage error, 3 database error.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1842"/>
        <source>stockroomctl: unknown command &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1852"/>
        <source>Database: a file, sqlite:PATH or postgresql://user@host:port/db (default: stockroom.db in the data folder; or $STOCKROOM_DB).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1855"/>
        <source>Print the result as JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1856"/>
        <source>Who is acting (default: $USER).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
