<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>Access</name>
    <message>
        <location filename="../src/services/access.cpp" line="13"/>
        <source>this user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/access.cpp" line="14"/>
        <source>%1 needs the %2 role; %3 is signed in as %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/access.cpp" line="22"/>
        <source>clerk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/access.cpp" line="24"/>
        <source>manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/access.cpp" line="26"/>
        <source>administrator</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AtpChart</name>
    <message>
        <location filename="../qml/AtpChart.qml" line="86"/>
        <source>Units</source>
        <comment>@title:axis</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/AtpChart.qml" line="89"/>
        <source>After forecast demand, 80 %</source>
        <comment>@label chart series</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/AtpChart.qml" line="105"/>
        <source>After forecast demand</source>
        <comment>@label chart series</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/AtpChart.qml" line="115"/>
        <source>Available to promise</source>
        <comment>@label chart series</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/AtpChart.qml" line="124"/>
        <source>Arrival</source>
        <comment>@label chart series: purchase order or transfer arriving</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../qml/AuditPage.qml" line="14"/>
        <source>Audit</source>
        <comment>@title:tab</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="34"/>
        <source>Everyone</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="36"/>
        <source>User</source>
        <comment>@label:listbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="41"/>
        <source>Every kind</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="43"/>
        <source>Kind</source>
        <comment>@label:listbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="48"/>
        <source>from YYYY-MM-DD</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="51"/>
        <source>From date</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="56"/>
        <source>to YYYY-MM-DD</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="59"/>
        <source>To date</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="64"/>
        <source>SKU, document, user, text…</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="66"/>
        <source>Search the audit trail</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="77"/>
        <source>Every change</source>
        <comment>@option:check</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="81"/>
        <source>Also list every write of the change log (orders, stock), not only edits, approvals, users and sign-ins</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="95"/>
        <source>When</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="96"/>
        <source>Who</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="97"/>
        <source>What</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="98"/>
        <source>Of</source>
        <comment>@title:column entity and key</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="99"/>
        <source>Details</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="166"/>
        <source>%1: %2 → %3</source>
        <comment>@info field: before → after</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="181"/>
        <source>Nothing recorded for this filter.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BackorderFiller</name>
    <message>
        <location filename="../src/services/orderflow.cpp" line="184"/>
        <source>A backorder changed while stock arrived.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderflow.cpp" line="189"/>
        <source>backorder filled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderflow.cpp" line="192"/>
        <source>%1 × %2 allocated at %3 as stock arrived (backorder filled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderflow.cpp" line="197"/>
        <source>allocated</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Backup</name>
    <message>
        <location filename="../src/store/backup.cpp" line="90"/>
        <location filename="../src/store/backup.cpp" line="115"/>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="181"/>
        <source>The database is busy (%1); try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="183"/>
        <source>Database error while %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="195"/>
        <source>Cannot start copying the database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="209"/>
        <source>The database stayed busy for %1 seconds; try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="214"/>
        <source>Copying the database failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="227"/>
        <source>closing the copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="247"/>
        <source>Cannot move the backup to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="272"/>
        <source>%1 is busy (%2); try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="275"/>
        <location filename="../src/store/backup.cpp" line="337"/>
        <source>%1 cannot be read as a SQLite database: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="300"/>
        <source>Stockroom backs up SQLite databases only. Back up PostgreSQL with its own tools: pg_dump -Fc for a backup file (pg_restore restores it), or WAL archiving with pg_basebackup for point-in-time recovery. The README&apos;s section &quot;Backups&quot; shows the commands.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="310"/>
        <source>There is no file %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="313"/>
        <location filename="../src/store/backup.cpp" line="404"/>
        <source>%1 is not a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="317"/>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="323"/>
        <source>%1 is not a SQLite database, so it is no Stockroom backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="330"/>
        <source>%1 is damaged (SQLite&apos;s integrity check: %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="344"/>
        <source>%1 is a SQLite database but not a Stockroom database (it has no schema_version table).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="355"/>
        <source>%1 is not a Stockroom database: it lacks the tables %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="361"/>
        <source>%1 is not a Stockroom database: it records no schema version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="367"/>
        <source>%1 comes from a newer Stockroom (schema version %2; this one knows versions up to %3). Update Stockroom before restoring it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="377"/>
        <source>%1 cannot be read as a Stockroom database: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="392"/>
        <source>The SQLite connection gives no handle to back up from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="395"/>
        <source>A backup needs the name of the file to write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="401"/>
        <source>%1 is the database itself: write the backup to another file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="408"/>
        <location filename="../src/store/backup.cpp" line="465"/>
        <source>Cannot create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="412"/>
        <source>The database %1 is empty: there is nothing to back up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="421"/>
        <location filename="../src/store/backup.cpp" line="474"/>
        <source>Cannot write in the folder %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="427"/>
        <source>The backup failed its check, so %1 was not written: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="431"/>
        <source>The backup has schema version %1 where the database has %2, so %3 was not written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="446"/>
        <source>The database was not changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="452"/>
        <source>The SQLite connection gives no handle to restore into.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="455"/>
        <source>%1 is the database itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="498"/>
        <source>%1 comes from an older Stockroom (schema version %2) and could not be brought up to date: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="512"/>
        <source>staging the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="520"/>
        <source>Cannot read the page size: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="528"/>
        <source>adapting the page size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="548"/>
        <source>Could not keep a copy of the database before restoring: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="587"/>
        <source>The restored database fails its check (schema version %1; %2). The database as it was is in %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="605"/>
        <source>The daily backup keeps at least one file, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="609"/>
        <source>There is no database at %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CatalogService</name>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="77"/>
        <source>A product needs a SKU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="80"/>
        <location filename="../src/services/catalogservice.cpp" line="166"/>
        <source>Product %1 needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="84"/>
        <location filename="../src/services/catalogservice.cpp" line="170"/>
        <source>Price, cost and weight of %1 cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="89"/>
        <source>Setting prices and costs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="96"/>
        <source>SKU %1 exists already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="101"/>
        <location filename="../src/services/catalogservice.cpp" line="180"/>
        <source>Barcode %1 belongs to %2 already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="111"/>
        <source>product %1 added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="124"/>
        <source>A location needs a code and a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="127"/>
        <source>Adding a location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="141"/>
        <source>location %1 added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="157"/>
        <source>The barcode of %1 is not a GTIN: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="198"/>
        <source>Changing prices and costs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="206"/>
        <location filename="../src/services/catalogservice.cpp" line="243"/>
        <source>%1 changed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="211"/>
        <source>%1 was changed meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="226"/>
        <source>A location needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="229"/>
        <source>Changing a location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="261"/>
        <source>Reorder point and quantity are 0 to 1,000,000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="265"/>
        <source>Changing reorder points and quantities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="291"/>
        <source>%1 at %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="326"/>
        <source>Importing products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="404"/>
        <source>unknown SKU &quot;%1&quot;: import the products first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="423"/>
        <source>a new product needs a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="432"/>
        <source>barcode %1 belongs to %2 already</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="451"/>
        <source>no location given: choose the location the stock is at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="452"/>
        <source>unknown location &quot;%1&quot;: map it to one of our locations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="460"/>
        <source>%1 at %2: %3 on hand is less than the %4 reserved for orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="471"/>
        <source>%1 at %2 is already on line %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="552"/>
        <source>Stock of %1 at %2 changed during the import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="564"/>
        <source>import of %1, line %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="581"/>
        <source>%1 new, %2 changed, %3 unchanged products; %4 stock levels set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="593"/>
        <source>%1: %2 new, %3 changed products; %4 stock levels set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="25"/>
        <source>A location is a warehouse, a store or a third_party, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="52"/>
        <location filename="../src/services/catalogservice.cpp" line="384"/>
        <source>The SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="54"/>
        <location filename="../src/services/catalogservice.cpp" line="391"/>
        <source>The product name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="55"/>
        <source>The barcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="61"/>
        <source>The location code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="63"/>
        <source>The location name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="65"/>
        <source>The postcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="67"/>
        <source>The region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="68"/>
        <source>The address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="133"/>
        <source>Location %1 exists already.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChannelSettingsDialog</name>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="58"/>
        <source>“%1” is not a whole number.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="69"/>
        <source>New channel</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="70"/>
        <source>Feed settings of %1</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="88"/>
        <source>Save</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="94"/>
        <source>Save the settings (Ctrl+Enter)</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="97"/>
        <source>Cancel</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="120"/>
        <source>Channel:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="127"/>
        <source>e.g. web, shopify, amazon</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="128"/>
        <source>Channel name</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="132"/>
        <source>Hold back:</source>
        <comment>@label:spinbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="143"/>
        <source>Buffer in units</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="146"/>
        <source>units and</source>
        <comment>@label:spinbox buffer: N units and P %</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="154"/>
        <source>Buffer in percent</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="157"/>
        <source>%</source>
        <comment>@label:spinbox percent</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="163"/>
        <source>Of every number the feed sends: a buffer keeps the channel from selling the last units twice.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="169"/>
        <source>Format:</source>
        <comment>@label:listbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="178"/>
        <source>Feed file format</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="183"/>
        <source>Locations:</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="203"/>
        <source>Sell from %1</source>
        <comment>@option:check location</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="210"/>
        <source>None checked: every active location.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="211"/>
        <source>Only the checked locations&apos; stock is offered.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="232"/>
        <source>The database cannot be reached: settings cannot be saved now.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChannelsPage</name>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="15"/>
        <source>Channels</source>
        <comment>@title:tab</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="102"/>
        <source>Write the stock feed of %1</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="105"/>
        <source>CSV files (*.csv)</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="105"/>
        <source>All files (*)</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="128"/>
        <source>What each channel may sell, per SKU: available stock minus waiting orders and the channel&apos;s buffer.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="137"/>
        <source>Loading</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="140"/>
        <source>New channel…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="144"/>
        <source>Set up a channel&apos;s stock feed (Ctrl+N)</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="145"/>
        <source>New channel</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="171"/>
        <source>Channels</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="189"/>
        <source>%1: %2</source>
        <comment>@info channel: feed status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="222"/>
        <source>Written %1 by %2</source>
        <comment>@info time, user</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="223"/>
        <source>Feed never written</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="230"/>
        <source>To %1</source>
        <comment>@info feed file</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="236"/>
        <source>%1 · buffer %2 · %3</source>
        <comment>@info format · buffer · locations</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="251"/>
        <source>No channels yet: orders from a channel, or New channel…, bring one.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="267"/>
        <source>Choose a channel.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="267"/>
        <source>Loading the channels…</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="298"/>
        <source>Last written:</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="303"/>
        <source>%1 by %2</source>
        <comment>@info time, user</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="304"/>
        <source>never</source>
        <comment>@info feed written</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="308"/>
        <source>File:</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="313"/>
        <source>none yet</source>
        <comment>@info feed file</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="317"/>
        <source>Format:</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="325"/>
        <source>Buffer:</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="333"/>
        <source>Locations:</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="348"/>
        <source>Write feed…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="355"/>
        <source>Write what the channel may sell now to a file (Ctrl+S)</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="356"/>
        <source>Write the stock feed of %1</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="359"/>
        <source>Settings…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="363"/>
        <source>Buffer, locations and format of the feed (Ctrl+E)</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="364"/>
        <source>Feed settings of %1</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="385"/>
        <source>Dismiss the message</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ChannelsPage.qml" line="394"/>
        <source>%n number(s) differ from the last feed:</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n number differs from the last feed:</numerusform>
            <numerusform>%n numbers differ from the last feed:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ChannelsPage.qml" line="395"/>
        <source>%n number(s) to send in the first feed:</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n number to send in the first feed:</numerusform>
            <numerusform>%n numbers to send in the first feed:</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="396"/>
        <source>Every number matches the last feed.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="422"/>
        <source>SKU</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="422"/>
        <source>Location</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="423"/>
        <source>Last sent</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="423"/>
        <source>Now</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="424"/>
        <source>Difference</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="452"/>
        <source>Changed numbers</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="468"/>
        <source>%1 at %2: last sent %3, now %4</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="514"/>
        <source>✓ Up to date: the channel has what Stockroom would send now.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="515"/>
        <source>Nothing to send.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="524"/>
        <source>Showing the first %1 of %2.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="18"/>
        <source>Database connection</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="41"/>
        <source>Engine:</source>
        <comment>@label:listbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="50"/>
        <source>SQLite file (this desktop only)</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="51"/>
        <source>PostgreSQL server (shared)</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="55"/>
        <source>Engine</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="60"/>
        <source>File:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="67"/>
        <source>Database file</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="72"/>
        <source>Host:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="79"/>
        <source>Host</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="83"/>
        <source>Port:</source>
        <comment>@label:spinbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="93"/>
        <source>Port</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="97"/>
        <source>Database:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="104"/>
        <source>Database name</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="108"/>
        <source>User:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="115"/>
        <source>User</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="119"/>
        <source>Password:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="127"/>
        <source>Password</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionSpec</name>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="43"/>
        <source>Unknown setting &quot;%1&quot; in the PostgreSQL address: Stockroom knows sslmode, sslrootcert, sslcert and sslkey.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="49"/>
        <source>The setting %1 in the PostgreSQL address has no value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="54"/>
        <source>The setting %1 in the PostgreSQL address contains a &apos;;&apos; or a NUL character, which cannot reach the PostgreSQL library: rename the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="61"/>
        <source>sslmode must be one of %1, not &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="98"/>
        <source>The database connection string is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="105"/>
        <source>Cannot read the PostgreSQL address &quot;%1&quot;: expected postgresql://user[:password]@host[:port]/dbname.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="117"/>
        <source>The PostgreSQL address names no database: add /dbname at its end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="133"/>
        <source>Unknown database kind in &quot;%1&quot;: use a file path, sqlite:PATH or postgresql://…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="146"/>
        <source>synchronous must be off, normal, full or extra, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="153"/>
        <source>The SQLite connection string names no file.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CountService</name>
    <message>
        <location filename="../src/services/countservice.cpp" line="15"/>
        <source>whole location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="19"/>
        <source>bins %1*</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="22"/>
        <source>class %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/countservice.cpp" line="25"/>
        <source>not counted for %n days</source>
        <translation>
            <numerusform>not counted for %n day</numerusform>
            <numerusform>not counted for %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/countservice.cpp" line="28"/>
        <source>%n SKUs</source>
        <translation>
            <numerusform>%n SKU</numerusform>
            <numerusform>%n SKUs</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="39"/>
        <source>A cycle count needs a subset: bins, an ABC class, days since the last count, or SKUs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="43"/>
        <source>ABC classes are A, B and C, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="93"/>
        <source>No products at %1 match this count (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/countservice.cpp" line="99"/>
        <source>%n product(s) are already in an unfinished count at %1: %2. Finish that count first.</source>
        <translation>
            <numerusform>%n product is already in an unfinished count at %1: %2. Finish that count first.</numerusform>
            <numerusform>%n products are already in an unfinished count at %1: %2. Finish that count first.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="125"/>
        <source>There is no stock count %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="132"/>
        <source>A counted quantity is 0 to 1,000,000 (adding: at least 1), not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="146"/>
        <source>%1 is %2: counting has ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="155"/>
        <source>%1 is not on %2: count it in a count of its own, or start a count that includes it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/countservice.cpp" line="201"/>
        <source>%1 has %n line(s) not counted yet: %2. Count them (0 if none are there) before submitting.</source>
        <translation>
            <numerusform>%1 has %n line not counted yet: %2. Count them (0 if none are there) before submitting.</numerusform>
            <numerusform>%1 has %n lines not counted yet: %2. Count them (0 if none are there) before submitting.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="207"/>
        <source>submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="218"/>
        <source>Approving a count&apos;s variances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="221"/>
        <source>approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/countservice.cpp" line="232"/>
        <source>approved %1 at %2: %n line(s) adjusted</source>
        <translation>
            <numerusform>approved %1 at %2: %n line adjusted</numerusform>
            <numerusform>approved %1 at %2: %n lines adjusted</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="251"/>
        <source>%1 cannot be approved: %2 at %3 would go from %4 to %5 on hand, but %6 are reserved for orders. Cancel or reroute those orders, or recount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="263"/>
        <source>counted %1, book %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="278"/>
        <source>Rejecting a count needs a reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="280"/>
        <source>Rejecting a count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="283"/>
        <source>rejected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="285"/>
        <source>rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="296"/>
        <source>reopened</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CountsPage</name>
    <message>
        <location filename="../qml/CountsPage.qml" line="14"/>
        <source>Counts</source>
        <comment>@title:tab</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="107"/>
        <source>Submit %1?</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/CountsPage.qml" line="109"/>
        <source>%n line(s) are not counted yet: count them first (0 if none are there).</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n line is not counted yet: count them first (0 if none are there).</numerusform>
            <numerusform>%n lines are not counted yet: count them first (0 if none are there).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="110"/>
        <source>Counting ends and the variance report goes to a manager.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="119"/>
        <source>Approve %1?</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/CountsPage.qml" line="132"/>
        <source>The stock at %1 is adjusted to what was counted: %n line(s), net %2 units (%3).</source>
        <comment>@info</comment>
        <translation>
            <numerusform>The stock at %1 is adjusted to what was counted: %n line, net %2 units (%3).</numerusform>
            <numerusform>The stock at %1 is adjusted to what was counted: %n lines, net %2 units (%3).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="139"/>
        <source>Note (optional)</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="140"/>
        <source>Approval note</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="151"/>
        <source>Reject %1</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="170"/>
        <source>Nothing is booked. Why?</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="176"/>
        <source>e.g. counted the wrong bins</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="177"/>
        <source>Reason for rejecting</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="208"/>
        <source>Show stock counts by status</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="211"/>
        <source>Start count…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="216"/>
        <source>Start a stock count</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/CountsPage.qml" line="221"/>
        <source>%n count(s)</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n count</numerusform>
            <numerusform>%n counts</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="237"/>
        <source>Count</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="237"/>
        <source>Location · scope</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="238"/>
        <source>Status</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="238"/>
        <source>Started</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="239"/>
        <source>Counted</source>
        <comment>@title:column counted / all lines</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="239"/>
        <source>Variance</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="241"/>
        <source>No stock counts here. Ctrl+N starts one.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="255"/>
        <source>No stock count selected</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="277"/>
        <source>Blind</source>
        <comment>@info the counter does not see the expected quantities</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="291"/>
        <source>started by %1, %2</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="292"/>
        <source>submitted by %1, %2</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="293"/>
        <source>%1 by %2, %3</source>
        <comment>@info decision by who, when</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="302"/>
        <source>Note: %1</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="303"/>
        <source>Decision: %1</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="338"/>
        <source>Qty (empty: +1)</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="345"/>
        <source>Counted quantity; empty adds one per scan</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="358"/>
        <source>Scan or type SKU / GTIN (Ctrl+F)</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="361"/>
        <source>Scan or SKU</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="365"/>
        <source>Record</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="368"/>
        <source>Record the count</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="386"/>
        <source>Lines counted</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/CountsPage.qml" line="390"/>
        <source>%1 of %n line(s) counted</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%1 of %n line counted</numerusform>
            <numerusform>%1 of %n lines counted</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="403"/>
        <source>Submit…</source>
        <comment>@action:button end counting</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="410"/>
        <source>Approve…</source>
        <comment>@action:button book the variances</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="418"/>
        <source>Reject…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="425"/>
        <source>Reopen</source>
        <comment>@action:button count again</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="441"/>
        <source>No variance: every counted line matches the books.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/CountsPage.qml" line="442"/>
        <source>Net %1 units (%2) · %n line(s) differ · gross %3 units (%4)</source>
        <comment>@info variance totals</comment>
        <translation>
            <numerusform>Net %1 units (%2) · %n line differs · gross %3 units (%4)</numerusform>
            <numerusform>Net %1 units (%2) · %n lines differ · gross %3 units (%4)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="453"/>
        <source>Only differences</source>
        <comment>@option:check</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="464"/>
        <location filename="../qml/CountsPage.qml" line="473"/>
        <source>SKU</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="465"/>
        <location filename="../qml/CountsPage.qml" line="474"/>
        <source>Name</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="466"/>
        <source>Expected</source>
        <comment>@title:column on hand at the start</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="467"/>
        <source>At count</source>
        <comment>@title:column on hand when counted</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="468"/>
        <location filename="../qml/CountsPage.qml" line="475"/>
        <source>Counted</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="469"/>
        <source>Var.</source>
        <comment>@title:column variance in units</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="470"/>
        <source>Value</source>
        <comment>@title:column variance at average cost</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="472"/>
        <source>Bin</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="476"/>
        <source>By</source>
        <comment>@title:column counted by</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="486"/>
        <source>Last change by %1, %2</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvReader</name>
    <message>
        <location filename="../src/io/csvreader.cpp" line="395"/>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/csvreader.cpp" line="330"/>
        <source>the file is not UTF-8 text (save it as &quot;CSV UTF-8&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/csvreader.cpp" line="105"/>
        <source>the file cannot be read any further: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/csvreader.cpp" line="218"/>
        <source>a quoted field starts here and is never closed (a missing &quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/csvreader.cpp" line="231"/>
        <source>text follows a closing quote (a quote inside a quoted field is written &quot;&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvWriter</name>
    <message>
        <location filename="../src/io/dataexport.cpp" line="111"/>
        <location filename="../src/io/dataexport.cpp" line="121"/>
        <source>Writing failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/dataexport.cpp" line="133"/>
        <source>Cannot start the file over: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/dataexport.cpp" line="145"/>
        <source>The output cannot be started over.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../qml/DashboardPage.qml" line="14"/>
        <source>Dashboard</source>
        <comment>@title:tab</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="298"/>
        <source>Open orders</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/DashboardPage.qml" line="300"/>
        <source>%n backordered</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n backordered</numerusform>
            <numerusform>%n backordered</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="303"/>
        <source>Shipped orders</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="305"/>
        <source>all time</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="308"/>
        <source>Units available</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="310"/>
        <source>of %1 on hand</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="313"/>
        <source>Stock value</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/DashboardPage.qml" line="315"/>
        <source>%n stock line(s) sold out</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n stock line sold out</numerusform>
            <numerusform>%n stock lines sold out</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="318"/>
        <source>Stock-out risks</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="320"/>
        <source>cover shorter than the lead time</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="327"/>
        <source>The planning figures could not be read: %1</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="340"/>
        <source>Sales per week</source>
        <comment>@title</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="345"/>
        <source>No whole week of sales yet.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="352"/>
        <source>Units ordered</source>
        <comment>@label chart series</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="353"/>
        <source>Trend</source>
        <comment>@label chart series</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="358"/>
        <source>Forecast vs actual, all products</source>
        <comment>@title</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="363"/>
        <source>Nothing to compare yet.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="370"/>
        <source>Actual units</source>
        <comment>@label chart series</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="371"/>
        <source>Forecast 4 weeks before</source>
        <comment>@label chart series</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="376"/>
        <source>Stock value by location</source>
        <comment>@title</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="378"/>
        <source>%1 in all, at moving-average cost</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="382"/>
        <source>No stock on hand.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/DashboardPage.qml" line="388"/>
        <source>%n unit(s)</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n unit</numerusform>
            <numerusform>%n units</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="395"/>
        <source>Stock-out risk (%1)</source>
        <comment>@title number of levels</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="396"/>
        <source>Cover: days that stock + on order + in transit last at the last 4 weeks&apos; rate. Enter opens the forecast.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="401"/>
        <source>Replenish…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="406"/>
        <source>Purchase and transfer suggestions, created as drafts (Ctrl+Shift+R)</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="407"/>
        <source>Replenish</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="416"/>
        <source>No location runs out before a delivery could arrive.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="418"/>
        <location filename="../qml/DashboardPage.qml" line="436"/>
        <location filename="../qml/DashboardPage.qml" line="454"/>
        <source>SKU</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="419"/>
        <source>Loc.</source>
        <comment>@title:column location</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="420"/>
        <source>Cover d</source>
        <comment>@title:column days of cover</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="421"/>
        <source>Lead d</source>
        <comment>@title:column lead time in days</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="422"/>
        <source>Out</source>
        <comment>@title:column expected stock-out day</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="427"/>
        <source>Top movers, last 30 days</source>
        <comment>@title</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="428"/>
        <source>Units ordered, and the change against the 30 days before.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="434"/>
        <source>Nothing ordered in the last 30 days.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="437"/>
        <source>Product</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="438"/>
        <source>Units</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="439"/>
        <source>Change</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="444"/>
        <source>Slow movers (%1)</source>
        <comment>@title number of products</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="446"/>
        <source>In stock, no order for 60 days or more: %1 tied up.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="452"/>
        <source>Every product in stock sold in the last 60 days.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="455"/>
        <source>Value</source>
        <comment>@title:column stock value</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="456"/>
        <source>Since</source>
        <comment>@title:column last sale</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DataExport</name>
    <message>
        <location filename="../src/io/dataexport.cpp" line="316"/>
        <location filename="../src/io/dataexport.cpp" line="320"/>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <location filename="../src/store/database.cpp" line="29"/>
        <source>The text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="74"/>
        <source>The Qt SQL driver %1 is not installed (Debian package %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="85"/>
        <source>Cannot create the folder %1 for the database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="108"/>
        <source>(the server&apos;s certificate is not signed by the CA in %1: ask whoever runs the server for its CA certificate and name it in sslrootcert)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="115"/>
        <source>Cannot open the database %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="149"/>
        <source>switching to WAL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="172"/>
        <source>The database is busy (%1); try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="177"/>
        <source>The disk that holds the database is full: free some space, then try again. (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="180"/>
        <source>Database error while %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="191"/>
        <location filename="../src/store/database.cpp" line="233"/>
        <source>preparing a statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="209"/>
        <location filename="../src/store/database.cpp" line="295"/>
        <location filename="../src/store/database.cpp" line="336"/>
        <source>running a statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="241"/>
        <source>A statement takes %1 values, not %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="412"/>
        <location filename="../src/store/database.cpp" line="421"/>
        <source>An insert returned no id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="431"/>
        <location filename="../src/store/database.cpp" line="472"/>
        <source>running %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="467"/>
        <source>The connection to the database was lost while saving: whether the change was saved is unknown. Look it up before entering it again. (%1)</source>
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
        <location filename="../src/services/demodata.cpp" line="166"/>
        <source>Archived orders must be between 1 and 5,000,000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="174"/>
        <source>Archived orders need the demo catalogue first (stockroomctl demo).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="237"/>
        <location filename="../src/services/demodata.cpp" line="288"/>
        <source>archived order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="276"/>
        <source>archived history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="305"/>
        <source>Demo products must be between 1 and 5000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="309"/>
        <source>Demo locations must be between 1 and %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="312"/>
        <source>Demo days must be between 1 and 3650.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="317"/>
        <source>The database already holds products; demo data goes into an empty database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="439"/>
        <source>opening stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="483"/>
        <source>rebalancing stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="517"/>
        <source>quarterly count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="520"/>
        <source>variances checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="548"/>
        <source>damaged in transit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="574"/>
        <source>for the weekend market</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="604"/>
        <source>supplier delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="627"/>
        <source>Front door</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="673"/>
        <source>Mail centre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="673"/>
        <source>Accepted at the mail centre</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DocumentDelegate</name>
    <message>
        <location filename="../qml/DocumentDelegate.qml" line="33"/>
        <source>%1, %2, %3</source>
        <comment>@info accessible: number, where, status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DocumentDelegate.qml" line="94"/>
        <source>Overdue</source>
        <comment>@info:tooltip expected date passed</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DocumentFlow</name>
    <message>
        <location filename="../src/services/documentflow.cpp" line="17"/>
        <source>%1 needs a quantity between 1 and %2, not %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/documentflow.cpp" line="44"/>
        <source>%1 was changed meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/documentflow.h" line="58"/>
        <source>%1 is %2: it cannot be %3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DocumentLinesEditor</name>
    <message>
        <location filename="../qml/DocumentLinesEditor.qml" line="65"/>
        <source>SKU or scan</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DocumentLinesEditor.qml" line="66"/>
        <source>SKU of line %1</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DocumentLinesEditor.qml" line="76"/>
        <source>Qty</source>
        <comment>@info:placeholder quantity</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DocumentLinesEditor.qml" line="82"/>
        <source>Quantity of line %1</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DocumentLinesEditor.qml" line="100"/>
        <source>Cost</source>
        <comment>@info:placeholder unit cost, optional</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DocumentLinesEditor.qml" line="102"/>
        <source>Unit cost of line %1 (empty: the product&apos;s cost)</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DocumentLinesEditor.qml" line="115"/>
        <source>Remove line %1</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DocumentLinesEditor.qml" line="117"/>
        <source>Remove this line</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DocumentLinesEditor.qml" line="136"/>
        <source>SKU</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DocumentLinesEditor.qml" line="141"/>
        <source>Quantity</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DocumentLinesEditor.qml" line="148"/>
        <source>Unit cost</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DocumentLinesEditor.qml" line="177"/>
        <source>Add line</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DocumentMessage</name>
    <message>
        <location filename="../qml/DocumentMessage.qml" line="21"/>
        <source>It is shown as it is now: look again before you retry.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DocumentMessage.qml" line="30"/>
        <source>Dismiss the message</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../qml/ExportDialog.qml" line="43"/>
        <source>Export</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="49"/>
        <source>Export to</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="52"/>
        <source>CSV files (*.csv)</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="52"/>
        <source>All files (*)</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="58"/>
        <source>Export</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="64"/>
        <source>Write the file (Ctrl+Enter)</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="67"/>
        <source>Close</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="95"/>
        <source>What:</source>
        <comment>@label:listbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="105"/>
        <source>What to export</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="115"/>
        <source>Since:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="128"/>
        <source>yyyy-mm-dd</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="130"/>
        <source>Since date (optional)</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="136"/>
        <source>Movements from that day on; empty: all.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="137"/>
        <source>Orders placed or changed from that day on; empty: all.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="138"/>
        <source>Always everything as it is now.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="145"/>
        <source>File:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="152"/>
        <source>File to write</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="156"/>
        <source>Choose…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="159"/>
        <source>Choose where to save the file (Ctrl+O)</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="160"/>
        <source>Choose the file</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="173"/>
        <source>Exporting</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="178"/>
        <source>Exporting…</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportService</name>
    <message>
        <location filename="../src/services/feedservice.cpp" line="393"/>
        <source>The database interrupted the export; run it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/feedservice.cpp" line="505"/>
        <source>&quot;%1&quot; is not a date like 2025-05-01 or a time like 2025-05-01T09:30:00Z.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FeedService</name>
    <message>
        <location filename="../src/services/feedservice.cpp" line="73"/>
        <source>There is no channel &quot;%1&quot;: set one up with its feed settings first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/feedservice.cpp" line="239"/>
        <source>Changing a channel&apos;s settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/feedservice.cpp" line="242"/>
        <source>A channel needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/feedservice.cpp" line="245"/>
        <source>A buffer is a number of units from 0 to %1, not %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/feedservice.cpp" line="251"/>
        <source>A buffer percentage is from 0 to 100, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/feedservice.cpp" line="257"/>
        <source>&quot;%1&quot; is not a feed format: csv or shopify-inventory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/feedservice.cpp" line="280"/>
        <source>The channel &quot;%1&quot; was not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/feedservice.cpp" line="306"/>
        <source>stock feed settings of %1 changed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ForecastChart</name>
    <message>
        <location filename="../qml/ForecastChart.qml" line="94"/>
        <source>Units per day</source>
        <comment>@title:axis</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastChart.qml" line="95"/>
        <source>Units per month</source>
        <comment>@title:axis</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastChart.qml" line="96"/>
        <source>Units per week</source>
        <comment>@title:axis</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastChart.qml" line="100"/>
        <source>Stockout</source>
        <comment>@label chart series: periods with nothing to sell</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastChart.qml" line="111"/>
        <source>95 % interval</source>
        <comment>@label chart series</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastChart.qml" line="125"/>
        <source>80 % interval</source>
        <comment>@label chart series</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastChart.qml" line="141"/>
        <source>Demand</source>
        <comment>@label chart series: units ordered per period</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastChart.qml" line="150"/>
        <source>Forecast</source>
        <comment>@label chart series</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastChart.qml" line="159"/>
        <source>Today</source>
        <comment>@label chart series</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ForecastPage</name>
    <message>
        <location filename="../qml/ForecastPage.qml" line="35"/>
        <source>days</source>
        <comment>@label horizon unit</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="36"/>
        <source>months</source>
        <comment>@label horizon unit</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="37"/>
        <source>weeks</source>
        <comment>@label horizon unit</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="39"/>
        <source>all locations</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="46"/>
        <source>%1 %</source>
        <comment>@info percentage</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="109"/>
        <location filename="../qml/ForecastPage.qml" line="124"/>
        <source>Product</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="122"/>
        <source>SKU or name… (Ctrl+F)</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="125"/>
        <source>Type a SKU or a name; arrow keys choose, Enter shows it.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="181"/>
        <source>Matching products</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="189"/>
        <source>%1 — %2 (%3 available)</source>
        <comment>@item sku, name, units</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="198"/>
        <source>No product matches.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="198"/>
        <source>Searching…</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="211"/>
        <location filename="../qml/ForecastPage.qml" line="232"/>
        <source>Location</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="217"/>
        <source>All locations</source>
        <comment>@item</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="245"/>
        <source>Demand per</source>
        <comment>@label followed by day, week or month</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="252"/>
        <source>Day</source>
        <comment>@item demand period</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="253"/>
        <source>Week</source>
        <comment>@item demand period</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="254"/>
        <source>Month</source>
        <comment>@item demand period</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="259"/>
        <source>Demand per day, week or month</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="267"/>
        <source>Working</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="15"/>
        <location filename="../qml/ForecastPage.qml" line="301"/>
        <location filename="../qml/ForecastPage.qml" line="302"/>
        <source>Forecast</source>
        <comment>@title:tab</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="307"/>
        <location filename="../qml/ForecastPage.qml" line="308"/>
        <source>Available to promise</source>
        <comment>@title:tab</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="313"/>
        <location filename="../qml/ForecastPage.qml" line="314"/>
        <source>What-if: reorder policies</source>
        <comment>@title:tab</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="336"/>
        <source>Demand and forecast chart</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="341"/>
        <source>No demand recorded here yet.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="354"/>
        <source>Method</source>
        <comment>@label forecast method</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="362"/>
        <source>working it out…</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="364"/>
        <source>%1, chosen automatically</source>
        <comment>@info forecast method</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="369"/>
        <source>season of %1 %2</source>
        <comment>@info season length, unit</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="375"/>
        <source>Demand</source>
        <comment>@label demand class</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="381"/>
        <source>%1 (ADI %2, CV² %3) · learnt from %4 %5, %6 with stockouts left out</source>
        <comment>@info demand class, ADI, CV², periods, unit, stockout periods</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="387"/>
        <source>Accuracy</source>
        <comment>@label backtest accuracy</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="393"/>
        <source>too little history for a backtest</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="394"/>
        <source>MASE %1 · sMAPE %2 % · bias %3 units a period — backtest of %4 origins, %5 %6 ahead</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="399"/>
        <source>MASE below 1: better than the seasonal naive forecast. Bias above 0: the forecast was too high.</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="422"/>
        <source>Available to promise chart</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="445"/>
        <source>What makes up the available stock</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="455"/>
        <source>%1: %2 %3, %4</source>
        <comment>@info date: kind qty, note</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="489"/>
        <source>Working it out…</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="489"/>
        <source>Nothing on hand or on its way.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="503"/>
        <source>Promise to a customer</source>
        <comment>@title</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="516"/>
        <source>Units to promise</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="520"/>
        <source>Earliest date</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="523"/>
        <source>Earliest date these units can be promised</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="530"/>
        <source>%1 units: %2, from %3</source>
        <comment>@info units, date, locations</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="531"/>
        <source>%1 units cannot be promised within the horizon (%2 could be).</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="541"/>
        <source>On hand first, then what arrives after the backorders already waiting.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="563"/>
        <source>Fill rate against stock value</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="569"/>
        <source>Simulating…</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="605"/>
        <source>Policy</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="611"/>
        <source>Target</source>
        <comment>@title:column service level</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="618"/>
        <source>Fill rate</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="625"/>
        <source>Stock value</source>
        <comment>@title:column average</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="642"/>
        <source>Simulated policies</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="662"/>
        <source>%1 for %2: fill rate %3, stock value %4</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="713"/>
        <source>Now: reorder at %1, order %2 (fill rate %3)</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="715"/>
        <source>No reorder settings at %1 yet.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="716"/>
        <source>Reorder settings are per location: choose one to apply a policy.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="721"/>
        <source>Choose a point in the list or on the chart.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="723"/>
        <source>Reorder at %1, order %2 up to %3.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="724"/>
        <source>Every %1 days, order up to %2 (not a reorder setting).</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="734"/>
        <source>Apply</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="742"/>
        <source>Write the chosen reorder point and quantity at %1</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="743"/>
        <source>Apply the chosen policy to the reorder settings</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="746"/>
        <source>Undo</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="750"/>
        <source>Undo: write back the reorder settings as they were</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="792"/>
        <source>What if</source>
        <comment>@title</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="796"/>
        <source>Method</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="806"/>
        <source>Forecast method</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="810"/>
        <source>Horizon</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="823"/>
        <source>Horizon in %1</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="831"/>
        <location filename="../qml/ForecastPage.qml" line="845"/>
        <source>Service level</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="855"/>
        <source>Lead time</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="868"/>
        <source>Lead time in days</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="872"/>
        <source>days</source>
        <comment>@label lead time unit</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="879"/>
        <source>%1 delivers in %2 days.</source>
        <comment>@info supplier, days</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="880"/>
        <source>Never bought yet: 7 days assumed.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="898"/>
        <source>Replenishment at %1</source>
        <comment>@title location</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="916"/>
        <source>On hand / reserved</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="919"/>
        <source>%1 / %2</source>
        <comment>@info on hand / reserved</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="924"/>
        <source>Owed to backorders</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="932"/>
        <source>On order / in transit</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="935"/>
        <source>%1 / %2</source>
        <comment>@info on order / in transit</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="940"/>
        <source>Projected stock</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="949"/>
        <source>Lead-time demand</source>
        <comment>@label forecast demand over the lead time</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="957"/>
        <source>Safety stock</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="965"/>
        <source>Reorder point</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="973"/>
        <source>Order up to</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="981"/>
        <source>Suggested order</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="985"/>
        <source>%1 (%2)</source>
        <comment>@info units (value)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="986"/>
        <source>none</source>
        <comment>@info no order suggested</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="992"/>
        <source>Days of cover</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="1000"/>
        <source>Reorder settings now</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="1003"/>
        <source>per location</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="1004"/>
        <source>%1 / %2</source>
        <comment>@info reorder point / quantity</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FulfilmentService</name>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="23"/>
        <source>The payment of %1 is %2: it cannot be %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="103"/>
        <source>authorized</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="107"/>
        <source>payment of %1 authorized</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="115"/>
        <source>A payment must be more than 0.00 and at most %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="120"/>
        <source>paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="124"/>
        <source>paid %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="132"/>
        <source>A refund must be more than 0.00.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="139"/>
        <source>refunded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="142"/>
        <source>%1 was paid %2 and refunded %3 already: at most %4 can be refunded, not %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="150"/>
        <source>refunded %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="161"/>
        <source>voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="163"/>
        <source>payment voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="171"/>
        <source>A hold needs a reason (e.g. &quot;address check&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="175"/>
        <source>put on hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="178"/>
        <source>on hold: %1 (reservations kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="193"/>
        <source>Order %1 is %2, not on hold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/fulfilmentservice.cpp" line="198"/>
        <source>Order %1 has %n line(s) naming no product of ours: map each SKU to a product (SKU aliases) or drop the line first.</source>
        <translation>
            <numerusform>Order %1 has %n line naming no product of ours: map each SKU to a product (SKU aliases) or drop the line first.</numerusform>
            <numerusform>Order %1 has %n lines naming no product of ours: map each SKU to a product (SKU aliases) or drop the line first.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="204"/>
        <source>taken off hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="209"/>
        <source>hold lifted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="234"/>
        <location filename="../src/services/fulfilmentservice.cpp" line="250"/>
        <source>released for picking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="238"/>
        <source>Order %1 has nothing allocated to pick.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="244"/>
        <source>Order %1 is not paid (%2): it is released for picking only when paid, or when its channel or customer pays later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="261"/>
        <source>released for picking at %1%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="264"/>
        <source> (pays later)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="271"/>
        <source>still packed from before the hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="285"/>
        <source>Nothing was scanned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="296"/>
        <source>Too many: order %1 is packed completely already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="300"/>
        <source>Order %1 is %2: release it for picking before packing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="317"/>
        <source>Wrong item: %1 is not in order %2. Put it back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="335"/>
        <source>Too many: all %1 × %2 of order %3 are packed already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="269"/>
        <location filename="../src/services/fulfilmentservice.cpp" line="344"/>
        <source>packed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/fulfilmentservice.cpp" line="350"/>
        <source>packed, %n unit(s) scanned</source>
        <translation>
            <numerusform>packed, %n unit scanned</numerusform>
            <numerusform>packed, %n units scanned</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="373"/>
        <source>A channel needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="376"/>
        <source>Changing a channel&apos;s fulfilment rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="385"/>
        <source>fulfilment rules set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="399"/>
        <source>Changing a customer&apos;s fulfilment rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="405"/>
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
    <name>HelpOverlay</name>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="18"/>
        <source>Everywhere</source>
        <comment>@title:group shortcuts</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="19"/>
        <source>Show or hide this list of shortcuts</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="20"/>
        <source>Orders, Inventory, Receiving, Transfers, Counts, Forecast, Dashboard, Channels, Audit</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="21"/>
        <source>Reload every view</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="22"/>
        <source>Settings: language and text size</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="23"/>
        <source>Database connection</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="24"/>
        <source>Next / previous control</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="25"/>
        <source>Press the focused button, open the focused row</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="26"/>
        <source>Close a dialog or this list</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="27"/>
        <source>Confirm a dialog (create, import, receive, save)</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="29"/>
        <source>Orders</source>
        <comment>@title:group shortcuts</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="30"/>
        <source>Search orders</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="31"/>
        <source>Previous / next order</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="32"/>
        <source>Select or unselect the order for bulk actions</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="33"/>
        <source>Select every loaded order</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="34"/>
        <source>New order</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="35"/>
        <source>Confirm payment</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="36"/>
        <source>Release to the warehouse</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="37"/>
        <source>Hold</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="38"/>
        <source>Release a hold</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="39"/>
        <source>Pack (scan the items)</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="40"/>
        <source>Ship</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="41"/>
        <source>Cancel the order</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="42"/>
        <source>Shipping labels as PDF</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="43"/>
        <source>Print shipping labels</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="44"/>
        <source>Pick list for a location</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="45"/>
        <source>Import orders from a shop&apos;s CSV file</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="46"/>
        <source>SKU aliases (map unknown SKUs)</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="47"/>
        <source>Export orders</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="49"/>
        <source>Inventory</source>
        <comment>@title:group shortcuts</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="50"/>
        <source>Search products</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="51"/>
        <source>Open the product</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="52"/>
        <source>New product</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="53"/>
        <source>Edit the product</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="54"/>
        <source>Import products</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="55"/>
        <source>Export stock</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="57"/>
        <source>Receiving</source>
        <comment>@title:group shortcuts</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="58"/>
        <location filename="../qml/HelpOverlay.qml" line="66"/>
        <source>Filter by status</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="59"/>
        <source>New purchase order</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="60"/>
        <source>Place the purchase order</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="61"/>
        <location filename="../qml/HelpOverlay.qml" line="70"/>
        <source>Receive</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="62"/>
        <source>Close short</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="63"/>
        <source>Cancel the purchase order</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="65"/>
        <source>Transfers</source>
        <comment>@title:group shortcuts</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="67"/>
        <source>New transfer</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="68"/>
        <source>Request the transfer</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="69"/>
        <source>Ship the transfer</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="71"/>
        <source>Write off missing units</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="72"/>
        <source>Keep looking for missing units</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="73"/>
        <source>Cancel the transfer</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="75"/>
        <source>Counts</source>
        <comment>@title:group shortcuts</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="76"/>
        <source>Scan field (or the status filter)</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="77"/>
        <source>Start a count</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="78"/>
        <source>Submit for approval</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="79"/>
        <source>Approve the variances</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="80"/>
        <source>Reject the variances</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="81"/>
        <source>Reopen the count</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="83"/>
        <source>Channels</source>
        <comment>@title:group shortcuts</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="84"/>
        <source>Write the stock feed</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="85"/>
        <source>Channel settings</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="86"/>
        <source>New channel</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="88"/>
        <source>Forecast</source>
        <comment>@title:group shortcuts</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="89"/>
        <source>Choose the product</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="91"/>
        <source>Dashboard</source>
        <comment>@title:group shortcuts</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="92"/>
        <source>Replenishment suggestions</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="93"/>
        <source>Open the product of the focused row</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="95"/>
        <source>In dialogs</source>
        <comment>@title:group shortcuts</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="96"/>
        <source>Choose a file (imports, exports)</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="97"/>
        <source>Preview an import</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="98"/>
        <source>Plan the replenishment again</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="99"/>
        <source>Select every suggestion</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="100"/>
        <source>Select or unselect a suggestion</source>
        <comment>@info shortcut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="122"/>
        <source>Keyboard shortcuts</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="129"/>
        <source>Keyboard shortcuts</source>
        <comment>@title</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="135"/>
        <source>Close</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="137"/>
        <source>Close the list of shortcuts</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportOrdersDialog</name>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="56"/>
        <location filename="../qml/ImportOrdersDialog.qml" line="62"/>
        <source>Import orders</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="63"/>
        <source>Order exports (*.csv *.txt *.tsv)</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="63"/>
        <source>All files (*)</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="72"/>
        <source>Preview</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="78"/>
        <source>Check the file without changing anything (Ctrl+P)</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="79"/>
        <source>Preview the import</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="82"/>
        <source>Import</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="88"/>
        <source>Apply what the preview showed (Ctrl+Enter)</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="89"/>
        <source>Import the orders</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="92"/>
        <source>Close</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="125"/>
        <source>File:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="131"/>
        <source>No file chosen</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="132"/>
        <source>File to import</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="137"/>
        <source>Choose…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="140"/>
        <source>Choose an order export (Ctrl+O)</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="141"/>
        <source>Choose a file</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="144"/>
        <source>Format:</source>
        <comment>@label:listbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="156"/>
        <source>File format</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="159"/>
        <source>Channel:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="167"/>
        <source>%1 (the format&apos;s channel)</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="168"/>
        <source>The format&apos;s channel</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="170"/>
        <source>Channel the orders belong to (empty: the format&apos;s)</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="176"/>
        <source>Known…</source>
        <comment>@action:button channels seen so far</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="180"/>
        <source>Choose one of the channels orders came from so far</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="181"/>
        <source>Known channels</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="188"/>
        <source>The format&apos;s channel</source>
        <comment>@item:inmenu</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="222"/>
        <source>Importing…</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="222"/>
        <source>Checking the file against the database…</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="228"/>
        <source>An order export of Shopify, WooCommerce, Amazon, eBay or Etsy, or our own orders file. Preview shows what the file would do; nothing changes before Import, and a file with any problem is not imported at all. Importing a file again changes nothing: orders already here only move forward (paid, shipped, cancelled).</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="242"/>
        <source>Format:</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="247"/>
        <source>%1 (detected)</source>
        <comment>@info file format</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="252"/>
        <source>Channel:</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="262"/>
        <source>Rows read:</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="270"/>
        <source>Orders:</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="276"/>
        <source>%1 new (%2 on hold), %3 updated, %4 unchanged</source>
        <comment>@info orders</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="279"/>
        <source>; %1 with nothing to send skipped</source>
        <comment>@info orders</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="285"/>
        <source>Lines:</source>
        <comment>@label order lines</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="292"/>
        <source>%1, of which %2 with nothing to send (gift cards, digital goods)</source>
        <comment>@info order lines</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="298"/>
        <source>Stock:</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="304"/>
        <source>%1 units reserved, %2 backordered</source>
        <comment>@info stock</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="312"/>
        <source>Imported: the orders are in the Orders view.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="314"/>
        <source>The file or the options changed since this preview: preview again.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="315"/>
        <source>Nothing has been changed yet: Import applies exactly this.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ImportOrdersDialog.qml" line="330"/>
        <source>%n problem(s) in %1: nothing will be imported until every one is fixed.</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n problem in %1: nothing will be imported until every one is fixed.</numerusform>
            <numerusform>%n problems in %1: nothing will be imported until every one is fixed.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="337"/>
        <source>Copy</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="344"/>
        <source>Copy every problem to the clipboard</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="345"/>
        <source>Copy the problems</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="367"/>
        <source>Problems</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="375"/>
        <source>Orders to look at (%1):</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="388"/>
        <source>Orders to look at</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="408"/>
        <source>⚠ Not our products (%1): %2</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="415"/>
        <source>Map SKUs…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="418"/>
        <source>Say which of our products each one is: the orders then come off hold</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="419"/>
        <source>Map the unknown SKUs to our products</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="471"/>
        <source>line %1</source>
        <comment>@info file line</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="499"/>
        <source>Open order %1</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="505"/>
        <source>new</source>
        <comment>@info a new order, not imported yet</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportProductsDialog</name>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="46"/>
        <source>Import products and stock</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="57"/>
        <source>Import products or stock</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="58"/>
        <source>CSV files (*.csv)</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="58"/>
        <source>All files (*)</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="67"/>
        <source>Preview</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="73"/>
        <source>Check the file without changing anything (Ctrl+P)</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="76"/>
        <source>Import</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="82"/>
        <source>Apply what the preview showed (Ctrl+Enter)</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="85"/>
        <source>Close</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="118"/>
        <source>File:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="124"/>
        <source>No file chosen</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="125"/>
        <source>File to import</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="130"/>
        <source>Choose…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="133"/>
        <source>Choose a CSV file (Ctrl+O)</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="134"/>
        <source>Choose a file</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="137"/>
        <source>Format:</source>
        <comment>@label:listbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="149"/>
        <source>File format</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="152"/>
        <source>Rows without a location:</source>
        <comment>@label:listbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="157"/>
        <source>None: every row names its location</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="160"/>
        <source>Location for rows without one</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="173"/>
        <source>The file names locations we do not have. Choose which of ours each one is, then preview again:</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="190"/>
        <source>“%1” is</source>
        <comment>@label:listbox the file&apos;s location name</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="195"/>
        <source>Not mapped</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="198"/>
        <source>Our location for “%1”</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="226"/>
        <source>Importing…</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="226"/>
        <source>Checking the file against the database…</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="232"/>
        <source>Our products or stock file, or Shopify&apos;s products or inventory export (CSV). Preview shows what the file would change; nothing changes before Import, and a file with any problem is not imported at all.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="246"/>
        <source>Format:</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="251"/>
        <source>%1 (detected)</source>
        <comment>@info file format</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="255"/>
        <source>Rows read:</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="263"/>
        <source>Products:</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="268"/>
        <source>%1 new, %2 changed, %3 unchanged</source>
        <comment>@info products</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="274"/>
        <source>Stock levels set:</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="279"/>
        <source>%1 (%2 units in, %3 units out)</source>
        <comment>@info stock levels</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="288"/>
        <source>Imported. Ledger reference: %1.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="290"/>
        <source>The file or the options changed since this preview: preview again.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="291"/>
        <source>Nothing has been changed yet: Import applies exactly this.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ImportProductsDialog.qml" line="302"/>
        <source>%n problem(s) in %1</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n problem in %1</numerusform>
            <numerusform>%n problems in %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="317"/>
        <source>Problems</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="334"/>
        <source>Nothing will be imported until every problem is fixed. The options changed: preview again.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="335"/>
        <source>Nothing will be imported until every problem is fixed.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InvariantChecker</name>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="39"/>
        <source>ledger: %1 at %2 has on hand %3, reserved %4, but the ledger sums to %5 and %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="57"/>
        <source>reservations: %1 at %2 has %3 reserved but %4 in open allocations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="67"/>
        <source>availability: %1 at %2 has on hand %3 and reserved %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="81"/>
        <source>order line: %1 line %2 of %3 units has %4 shipped, %5 cancelled, %6 returned and %7 allocated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="93"/>
        <source>order state: closed order %1 still holds stock on line %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="100"/>
        <source>imports: external order %1/%2 exists %3 times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="107"/>
        <source>payment: %1 has %2 refunded of %3 paid (cents)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="120"/>
        <source>return: %1 has %2 restocked and %3 written off of %4 × %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="133"/>
        <source>returns: %1 line %2 counts %3 returned, but its returns list %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="144"/>
        <source>packing: %1 line %2 has %3 packed of %4 allocated at %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="160"/>
        <source>delivery: %1 is delivered without a shipment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="162"/>
        <source>delivery: %1 is delivered, but %2 of its %3 shipments are not</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="172"/>
        <source>tracking: shipment %1 of %2 is %3, but no tracking event says so</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="185"/>
        <source>tracking: shipment %1 of %2 is delivered without a delivery time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="189"/>
        <source>tracking: shipment %1 of %2 is %3 but has a delivery time (%4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="220"/>
        <source>transfer: %1 (%2) %3 shipped %4, received %5, written off %6, but the ledger has %7 out and %8 in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="242"/>
        <source>purchase order: %1 (%2) received %3 × %4, but the ledger has %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="263"/>
        <source>count: %1 (%2) adjusts %3 by %4, but the ledger has %5</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InventoryDelegate</name>
    <message>
        <location filename="../qml/InventoryDelegate.qml" line="56"/>
        <source>%1 %2 at %3: %4 available, %5 projected, %6</source>
        <comment>@info accessible</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InventoryPage</name>
    <message>
        <location filename="../qml/InventoryPage.qml" line="218"/>
        <source>Search SKU, product or location (Ctrl+F)</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="220"/>
        <source>Search stock</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="31"/>
        <source>SKU</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="13"/>
        <source>Inventory</source>
        <comment>@title:tab</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="32"/>
        <source>Product</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="33"/>
        <source>Location</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="34"/>
        <source>Bin</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="35"/>
        <source>On hand</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="36"/>
        <source>Reserved</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="37"/>
        <source>Available</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="38"/>
        <source>In transit</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="39"/>
        <source>On order</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="40"/>
        <source>Projected</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="41"/>
        <source>Reorder at</source>
        <comment>@title:column reorder point</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="42"/>
        <source>Value</source>
        <comment>@title:column stock value</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="43"/>
        <source>State</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="238"/>
        <source>All locations</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="240"/>
        <source>Filter by location</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="244"/>
        <source>Below reorder point</source>
        <comment>@option:check</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="250"/>
        <source>Out of stock</source>
        <comment>@option:check</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="255"/>
        <source>New product…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="259"/>
        <source>Add a product (Ctrl+N)</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="260"/>
        <source>New product</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="263"/>
        <source>Import…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="267"/>
        <source>Import products and stock from a file (Ctrl+I)</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="268"/>
        <source>Import products and stock</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="271"/>
        <source>Export…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="274"/>
        <source>Export stock, the ledger, products or orders to a CSV file (Ctrl+Shift+E)</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="275"/>
        <source>Export to a file</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="278"/>
        <source>Locations…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="281"/>
        <source>Add locations or change their priority, postcode and region</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="282"/>
        <source>Locations</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/InventoryPage.qml" line="288"/>
        <source>%n line(s) · %1 available · value %2</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n line · %1 available · value %2</numerusform>
            <numerusform>%n lines · %1 available · value %2</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="396"/>
        <source>No stock lines match.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="425"/>
        <source>✖ Out of stock</source>
        <comment>@info legend</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="439"/>
        <source>⚠ Reorder: projected below the reorder point</source>
        <comment>@info legend</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="444"/>
        <source>Projected = available + on order + in transit</source>
        <comment>@info legend</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="450"/>
        <source>Showing the first %1 lines: narrow the search.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="366"/>
        <source>Stock levels</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InventoryPolicy</name>
    <message>
        <location filename="../src/domain/inventorysim.cpp" line="381"/>
        <source>(R, S) = (%1, %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/inventorysim.cpp" line="385"/>
        <source>(s, S) = (%1, %2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Known</name>
    <message>
        <location filename="../src/services/servicecontext.cpp" line="12"/>
        <source>Unknown SKU &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/servicecontext.cpp" line="21"/>
        <source>Unknown location &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/servicecontext.cpp" line="28"/>
        <source>%1 was changed by %2 at %3 — reload?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/servicecontext.cpp" line="29"/>
        <source>someone</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../src/ui/labels.cpp" line="15"/>
        <source>Draft</source>
        <comment>@label order status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="17"/>
        <source>Placed</source>
        <comment>@label order status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="19"/>
        <source>Backordered</source>
        <comment>@label order status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="21"/>
        <source>Allocated</source>
        <comment>@label order status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="23"/>
        <source>Picking</source>
        <comment>@label order status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="25"/>
        <source>Packed</source>
        <comment>@label order status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="27"/>
        <source>Partly shipped</source>
        <comment>@label order status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="29"/>
        <source>Shipped</source>
        <comment>@label order status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="31"/>
        <source>Delivered</source>
        <comment>@label order status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="33"/>
        <source>On hold</source>
        <comment>@label order status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="35"/>
        <source>Cancelled</source>
        <comment>@label order status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="42"/>
        <source>Pending</source>
        <comment>@label payment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="44"/>
        <source>Authorised</source>
        <comment>@label payment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="46"/>
        <source>Paid</source>
        <comment>@label payment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="48"/>
        <source>Partly refunded</source>
        <comment>@label payment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="50"/>
        <source>Refunded</source>
        <comment>@label payment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="52"/>
        <source>Voided</source>
        <comment>@label payment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="59"/>
        <source>Label created</source>
        <comment>@label shipment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="61"/>
        <source>In transit</source>
        <comment>@label shipment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="63"/>
        <source>Out for delivery</source>
        <comment>@label shipment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="65"/>
        <source>Delivered</source>
        <comment>@label shipment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="67"/>
        <source>Exception</source>
        <comment>@label shipment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="69"/>
        <source>Returned to sender</source>
        <comment>@label shipment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="76"/>
        <source>Requested</source>
        <comment>@label return status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="78"/>
        <source>Received</source>
        <comment>@label return status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="80"/>
        <source>Completed</source>
        <comment>@label return status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="82"/>
        <source>Refunded</source>
        <comment>@label return status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="84"/>
        <source>Cancelled</source>
        <comment>@label return status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="91"/>
        <source>Manual</source>
        <comment>@label sales channel</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="97"/>
        <source>Wholesale</source>
        <comment>@label sales channel</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LedgerDelegate</name>
    <message>
        <location filename="../qml/LedgerDelegate.qml" line="53"/>
        <source>%1, %2: %3, on hand %4 → %5, %6</source>
        <comment>@info accessible ledger row</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LedgerDelegate.qml" line="59"/>
        <source>by %1</source>
        <comment>@info:tooltip who booked it</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LedgerDelegate.qml" line="81"/>
        <source>Time</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LedgerDelegate.qml" line="85"/>
        <source>Loc.</source>
        <comment>@title:column location</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LedgerDelegate.qml" line="89"/>
        <source>What</source>
        <comment>@title:column ledger reason</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LedgerDelegate.qml" line="98"/>
        <source>Document</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LedgerDelegate.qml" line="103"/>
        <source>Open %1</source>
        <comment>@action</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LedgerDelegate.qml" line="122"/>
        <source>Change</source>
        <comment>@title:column change of on hand</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LedgerDelegate.qml" line="132"/>
        <source>Res.</source>
        <comment>@title:column change of reserved</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LedgerDelegate.qml" line="138"/>
        <source>On hand</source>
        <comment>@title:column on hand right after the movement</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LedgerDelegate.qml" line="144"/>
        <source>By</source>
        <comment>@title:column user</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LocationsDialog</name>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="27"/>
        <source>Warehouse</source>
        <comment>@item:inlistbox location kind</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="28"/>
        <source>Store</source>
        <comment>@item:inlistbox location kind</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="29"/>
        <source>Third party (3PL)</source>
        <comment>@item:inlistbox location kind</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="32"/>
        <source>Code</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="33"/>
        <source>Name</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="34"/>
        <source>Kind</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="35"/>
        <source>Priority</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="36"/>
        <source>Postcode</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="37"/>
        <source>Region</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="38"/>
        <source>Active</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="60"/>
        <source>yes</source>
        <comment>@item location active</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="60"/>
        <source>no</source>
        <comment>@item location inactive</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="114"/>
        <source>Locations</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="207"/>
        <source>Locations</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="259"/>
        <source>Code:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="267"/>
        <source>e.g. WH-NORTH</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="268"/>
        <source>Location code</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="269"/>
        <source>The code of a location cannot be changed.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="273"/>
        <source>Name:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="279"/>
        <source>Location name</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="283"/>
        <source>Kind:</source>
        <comment>@label:listbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="290"/>
        <source>Kind of location</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="293"/>
        <source>Priority:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="301"/>
        <source>Priority</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="306"/>
        <source>Postcode:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="312"/>
        <source>Postcode</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="316"/>
        <source>Region:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="322"/>
        <source>e.g. DE-BY</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="323"/>
        <source>Region</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="327"/>
        <source>Address:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="334"/>
        <source>Address</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="345"/>
        <source>Active (stock can be kept and shipped here)</source>
        <comment>@option:check</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="356"/>
        <source>Priority: lower ships first. Order routing picks a location that can ship the whole order by priority; among equal priorities the nearest by postcode, then one in the ship-to region.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="378"/>
        <source>New location</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="384"/>
        <source>Add</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="384"/>
        <source>Save</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="391"/>
        <source>Close</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="33"/>
        <source>Stockroom</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="159"/>
        <source>Stockroom</source>
        <comment>@title</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="177"/>
        <source>No users yet (administrator)</source>
        <comment>@info:status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="178"/>
        <source>%1 · %2</source>
        <comment>@info:status user · role</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="183"/>
        <source>Users…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="183"/>
        <source>Password…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="186"/>
        <source>Users and roles</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="186"/>
        <source>Change my password</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="189"/>
        <source>Sign out</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="193"/>
        <source>Forget this desktop&apos;s sign-in and quit</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="197"/>
        <source>Connection…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="200"/>
        <source>Choose the database (Ctrl+Shift+D)</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="201"/>
        <source>Database connection</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="205"/>
        <source>Settings…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="208"/>
        <source>Language and text size (Ctrl+,)</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="209"/>
        <source>Settings</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="213"/>
        <source>Help</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="216"/>
        <source>Keyboard shortcuts (F1)</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="217"/>
        <source>Keyboard shortcuts</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="220"/>
        <source>Refresh</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="224"/>
        <source>Reload every view (F5)</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="239"/>
        <source>Database problem: %1</source>
        <comment>@info:status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="240"/>
        <source>%1 · %2</source>
        <comment>@info:status engine · database</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Main.qml" line="246"/>
        <source>%n other desktop(s) online</source>
        <comment>@info:status</comment>
        <translation>
            <numerusform>%n other desktop online</numerusform>
            <numerusform>%n other desktops online</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="250"/>
        <source>● Live</source>
        <comment>@info:status live refresh on</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="251"/>
        <source>○ Not live</source>
        <comment>@info:status live refresh off</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="253"/>
        <source>Live refresh on</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="253"/>
        <source>Live refresh off</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="257"/>
        <source>more than %1 orders</source>
        <comment>@info:status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Main.qml" line="258"/>
        <source>%n order(s)</source>
        <comment>@info:status</comment>
        <translation>
            <numerusform>%n order</numerusform>
            <numerusform>%n orders</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="283"/>
        <source>Orders</source>
        <comment>@title:tab</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="284"/>
        <source>Inventory</source>
        <comment>@title:tab</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="285"/>
        <source>Receiving</source>
        <comment>@title:tab</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="286"/>
        <source>Transfers</source>
        <comment>@title:tab</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="287"/>
        <source>Counts</source>
        <comment>@title:tab stock counts</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="288"/>
        <source>Channels</source>
        <comment>@title:tab sales channels&apos; stock feeds</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="289"/>
        <source>Forecast</source>
        <comment>@title:tab</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="290"/>
        <source>Dashboard</source>
        <comment>@title:tab</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="291"/>
        <source>Audit</source>
        <comment>@title:tab who did what</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Migrations</name>
    <message>
        <location filename="../src/store/migrations.cpp" line="733"/>
        <source>This database has schema version %1, newer than this Stockroom knows (%2). It was left untouched: update Stockroom to open it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/migrations.cpp" line="751"/>
        <source>This database has schema version %1 and this Stockroom needs version %2, but the PostgreSQL user %3 may not change the schema. Ask the database owner to run &quot;stockroomctl init&quot; with this Stockroom (it upgrades the schema), then start again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/store/migrations.cpp" line="783"/>
        <source>Schema upgrade to version %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewOrderDialog</name>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="77"/>
        <source>New order</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="130"/>
        <source>SKU or scan</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="131"/>
        <source>SKU of line %1</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="144"/>
        <source>Product of line %1: %2</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="152"/>
        <source>Qty</source>
        <comment>@info:placeholder quantity</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="158"/>
        <source>Quantity of line %1</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="172"/>
        <source>Remove line %1</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="174"/>
        <source>Remove this line</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="214"/>
        <source>Customer:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="220"/>
        <source>Name</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="221"/>
        <source>Customer name</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="224"/>
        <source>E-mail:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="230"/>
        <source>optional</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="232"/>
        <source>Customer e-mail</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="235"/>
        <source>Region:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="241"/>
        <source>optional: breaks ties between locations</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="242"/>
        <source>Ship-to region</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="245"/>
        <source>Postcode:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="251"/>
        <source>optional: the nearest location ships</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="252"/>
        <source>Ship-to postcode</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="255"/>
        <source>Channel:</source>
        <comment>@label:listbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="263"/>
        <source>Sales channel</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="266"/>
        <source>Payment:</source>
        <comment>@label:listbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="275"/>
        <source>Payment state</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="284"/>
        <source>SKU</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="289"/>
        <source>Product</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="294"/>
        <source>Quantity</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="322"/>
        <source>Add line</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="325"/>
        <source>Or press Enter in the last quantity</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="334"/>
        <source>The database cannot be reached: orders can be placed again once it is back.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="341"/>
        <source>Not placed: %1</source>
        <comment>@info why</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="363"/>
        <source>%1 placed: %2</source>
        <comment>@info order number, status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="371"/>
        <source>Show order</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="373"/>
        <source>Show order %1</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/NewOrderDialog.qml" line="400"/>
        <source>%n backordered</source>
        <comment>@info units</comment>
        <translation>
            <numerusform>%n backordered</numerusform>
            <numerusform>%n backordered</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="401"/>
        <source>%1 × %2 %3: %4</source>
        <comment>@info qty, SKU, product name, where from</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="425"/>
        <source>Placing…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="425"/>
        <source>Place order</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="432"/>
        <source>Place the order</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="435"/>
        <location filename="../qml/NewOrderDialog.qml" line="437"/>
        <source>Close</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewPurchaseOrderDialog</name>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="52"/>
        <source>New purchase order</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="94"/>
        <source>Supplier:</source>
        <comment>@label:listbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="107"/>
        <source>Supplier</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="111"/>
        <source>New supplier…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="113"/>
        <source>New supplier</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="117"/>
        <source>Deliver to:</source>
        <comment>@label:listbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="124"/>
        <source>Receiving location</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="127"/>
        <source>Expected:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="133"/>
        <source>yyyy-mm-dd (optional)</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="137"/>
        <source>Expected date</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="143"/>
        <source>There are no suppliers yet: add one with New supplier….</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="144"/>
        <source>There are no suppliers yet: add one first (stockroomctl supplier add --name NAME).</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="158"/>
        <source>Note (optional)</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="159"/>
        <source>Note</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="193"/>
        <source>New supplier</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="225"/>
        <source>Name:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="231"/>
        <source>Supplier name</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="235"/>
        <source>E-mail:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="241"/>
        <source>for purchase orders (optional)</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="243"/>
        <source>Supplier e-mail</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="247"/>
        <source>Lead time (days):</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="255"/>
        <source>Lead time in days</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="272"/>
        <source>Add</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="288"/>
        <source>Create draft</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="279"/>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="297"/>
        <source>Cancel</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewTransferDialog</name>
    <message>
        <location filename="../qml/NewTransferDialog.qml" line="31"/>
        <source>New transfer</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewTransferDialog.qml" line="72"/>
        <source>From:</source>
        <comment>@label:listbox source location</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewTransferDialog.qml" line="79"/>
        <source>Source location</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewTransferDialog.qml" line="82"/>
        <source>To:</source>
        <comment>@label:listbox destination location</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewTransferDialog.qml" line="90"/>
        <source>Destination location</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewTransferDialog.qml" line="96"/>
        <source>A transfer goes between two different locations.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewTransferDialog.qml" line="109"/>
        <source>Note (optional)</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewTransferDialog.qml" line="110"/>
        <source>Note</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewTransferDialog.qml" line="125"/>
        <source>Create draft</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/NewTransferDialog.qml" line="134"/>
        <source>Cancel</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderDelegate</name>
    <message>
        <location filename="../qml/OrderDelegate.qml" line="31"/>
        <source>Order %1, %2, %3</source>
        <comment>@info accessible</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDelegate.qml" line="31"/>
        <source>Selected: </source>
        <comment>@info accessible</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderDetailPane</name>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="80"/>
        <source>No order selected</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="104"/>
        <source>paid %1</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="105"/>
        <source>refunded %1</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="113"/>
        <source>On hold: %1</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="121"/>
        <source>%1 says: %2</source>
        <comment>@info channel, its state of the order</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="129"/>
        <source>Note: %1</source>
        <comment>@info the order&apos;s note</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="137"/>
        <source>Rules: %1</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="144"/>
        <source>⚠ %1 on another desktop</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/OrderDetailPane.qml" line="154"/>
        <source>Actions apply to the %n selected order(s).</source>
        <comment>@info</comment>
        <translation>
            <numerusform>Actions apply to the %n selected order.</numerusform>
            <numerusform>Actions apply to the %n selected orders.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="166"/>
        <source>Pay</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="172"/>
        <source>Release</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="178"/>
        <source>Unhold</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="178"/>
        <source>Hold</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="184"/>
        <source>Pack…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="190"/>
        <source>Ship…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="196"/>
        <source>Labels PDF</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="202"/>
        <source>Print labels…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="208"/>
        <source>Refund…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="213"/>
        <source>Return…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="218"/>
        <source>Cancel…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="233"/>
        <source>Reload</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="242"/>
        <source>Lines</source>
        <comment>@title:group</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="276"/>
        <source>from %1</source>
        <comment>@info allocation</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="277"/>
        <source>%1 packed</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="278"/>
        <source>%1 backordered</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="279"/>
        <source>%1 shipped</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="280"/>
        <source>%1 returned</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="281"/>
        <source>%1 cancelled</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="296"/>
        <source>⚠ not one of our products: %1 × %2</source>
        <comment>@info their SKU, quantity</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="305"/>
        <source>Map…</source>
        <comment>@action:button map their SKUs to ours</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="309"/>
        <source>Say which of our products each line is: the order then comes off hold</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="310"/>
        <source>Map the lines that name none of our products</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="315"/>
        <source>Routing</source>
        <comment>@title:group</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="326"/>
        <source>Shipments</source>
        <comment>@title:group</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="358"/>
        <source>Add event…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="362"/>
        <source>Add a tracking event</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="399"/>
        <source>Returns</source>
        <comment>@title:group</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="424"/>
        <source>Receive…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="430"/>
        <source>Cancel return</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="436"/>
        <source>Refund</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="445"/>
        <source>History</source>
        <comment>@title:group</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="464"/>
        <source>Last change by %1</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderFileReader</name>
    <message>
        <location filename="../src/io/orderimport.cpp" line="438"/>
        <source>&quot;%1&quot; is not a quantity: a whole number from %2 to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="502"/>
        <source>&quot;%1&quot; is not an amount of money</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="503"/>
        <source>&quot;%1&quot; is not an amount of money: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="532"/>
        <source>write the amount alone, like 1234.50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="538"/>
        <source>&quot;%1&quot; is not a currency sign we know ($, US $, C $, AU $, £, € or a code like EUR)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="547"/>
        <source>write the cents after a dot and no thousands separators (1234.50)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="592"/>
        <source>at most 2 decimals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="595"/>
        <location filename="../src/io/orderimport.cpp" line="612"/>
        <source>more than 100000000.00</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1102"/>
        <source>… and %1 more problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1176"/>
        <source>cannot be opened: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1231"/>
        <source>%1 (in any order, more columns may follow)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1300"/>
        <source>the file is empty: it has no orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1334"/>
        <source>the header fits none of the order files we read; expected one of these headers: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1357"/>
        <source>the header does not fit the %1 format: it lacks %2; expected a header with %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1360"/>
        <source>, or </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1379"/>
        <source>unknown column (the columns are %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1384"/>
        <source>the same as column %1: keep one of them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1433"/>
        <source>the file has no orders: nothing follows the header line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1458"/>
        <source>the order id is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1476"/>
        <source>the rows of order %1 are not together: it began on line %2 and comes again here after other orders (export the file again or sort it by order)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1491"/>
        <source>%1 fields where the header has %2 (a separator in a field that is not quoted?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1533"/>
        <source>order %1 has no date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1591"/>
        <source>empty: every order needs the date it was placed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1603"/>
        <source>ISO 8601 with Z or an offset, like 2025-05-11T13:55:16Z</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1620"/>
        <source>2025-03-04 14:22:10 or ISO 8601 with an offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1629"/>
        <source>03/05/25 (month/day/year)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1635"/>
        <source>&quot;%1&quot;: the time zone &quot;%2&quot; is not one we know (PST, PDT, MST, MDT, CST, CDT, EST, EDT, GMT, BST, CET, CEST, UTC); write an offset like -0700</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1643"/>
        <source>&quot;%1&quot; has no time zone: write it like %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1649"/>
        <source>&quot;%1&quot; is not a date and time like %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1670"/>
        <source>&quot;%1&quot; is not an amount of money: it is negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1747"/>
        <source>an item needs a SKU or a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1787"/>
        <source>&quot;%1&quot; is not an order status (draft, placed, backordered, allocated, picking, packed, partially_shipped, shipped, delivered, on_hold, cancelled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1803"/>
        <source>&quot;%1&quot; is not a payment status (pending, authorized, paid, partially_refunded, refunded, voided)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1819"/>
        <source>empty: a line needs its unit price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1827"/>
        <source>empty: every line of our orders has a SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1835"/>
        <source>%1 shipped and %2 cancelled are more than the %3 ordered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1877"/>
        <source>&quot;%1&quot; is not a Shopify financial status (pending, authorized, partially_paid, paid, partially_refunded, refunded, voided)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1889"/>
        <source>&quot;%1&quot; is not a Shopify fulfillment status (fulfilled, partial, unfulfilled, restocked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1909"/>
        <source>empty: a line item needs its price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1939"/>
        <source>&quot;%1&quot; is not an Amazon order status (Pending, Unshipped, PartiallyShipped, Shipped, Canceled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1162"/>
        <location filename="../src/io/orderimport.cpp" line="2105"/>
        <source>empty: an item needs its price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="2053"/>
        <source>&quot;%1&quot; is not a WooCommerce order status (pending, processing, on-hold, completed, cancelled, refunded, failed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="2139"/>
        <location filename="../src/io/orderimport.cpp" line="2152"/>
        <source>item &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="2154"/>
        <source>&quot;%1&quot; is negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="2163"/>
        <source>item &quot;%1&quot; has neither a sku nor a name</source>
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
        <location filename="../src/services/orderflow.cpp" line="41"/>
        <source>Order %1 was changed meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderflow.cpp" line="56"/>
        <location filename="../src/services/orderservice.cpp" line="503"/>
        <source>Order %1 is %2: it cannot be %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderflow.cpp" line="94"/>
        <source>delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderflow.cpp" line="95"/>
        <source>every parcel delivered</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderImportService</name>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="158"/>
        <location filename="../src/services/orderimportservice.cpp" line="272"/>
        <source>line %1: order %2: unknown payment state &quot;%3&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="210"/>
        <source>nothing in it is sent (gift cards, digital goods): not imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="222"/>
        <source>unknown SKU: %1 (map under SKU aliases)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="226"/>
        <source>%1 no longer sold here (inactive)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="231"/>
        <location filename="../src/services/orderimportservice.cpp" line="238"/>
        <source>line %1: order %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="255"/>
        <source>on hold: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="294"/>
        <source>%1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="303"/>
        <source>refunded %1 more on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="309"/>
        <source>%1 says %2; kept %3 (imports move a state only forward)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="316"/>
        <source>cancelled on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="320"/>
        <source>cancelled on %1, but it is %2 here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="326"/>
        <source>fulfilled on %1, but on hold here</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/orderimportservice.cpp" line="343"/>
        <source>fulfilled on %1, but %n unit(s) are still backordered here</source>
        <translation>
            <numerusform>fulfilled on %1, but %n unit is still backordered here</numerusform>
            <numerusform>fulfilled on %1, but %n units are still backordered here</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="349"/>
        <source>partly fulfilled on %1: check what is left to send here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="392"/>
        <source>(a line without SKU or name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="401"/>
        <source>An order import needs a channel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="450"/>
        <source>%1 new, %2 updated, %3 unchanged, %4 on hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="492"/>
        <source>line %1: %2 is our %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="512"/>
        <source>An alias needs the platform&apos;s SKU or item name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="514"/>
        <source>The alias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="515"/>
        <source>The channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="524"/>
        <source>%1 is our SKU already; an alias of itself changes nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="544"/>
        <source>There is no alias &quot;%1&quot;%2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="547"/>
        <source> for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="564"/>
        <source>&quot;%1&quot; is not an order number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="582"/>
        <source>Order %1 has no unknown line %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="586"/>
        <source>line %1 (%2 × %3) dropped: it will not be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="598"/>
        <source>no line of ours left</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderImporter</name>
    <message>
        <location filename="../src/io/orderimporter.cpp" line="74"/>
        <source>holds orders of several channels (%1): import one channel per file, or name the channel with --channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/io/orderimporter.cpp" line="88"/>
        <source>%1: %n problem(s); nothing was imported.</source>
        <translation>
            <numerusform>%1: %n problem; nothing was imported.</numerusform>
            <numerusform>%1: %n problems; nothing was imported.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/io/orderimporter.cpp" line="91"/>
        <source>%1 new, %2 updated, %3 unchanged, %4 on hold; %n line(s)</source>
        <translation>
            <numerusform>%1 new, %2 updated, %3 unchanged, %4 on hold; %n line</numerusform>
            <numerusform>%1 new, %2 updated, %3 unchanged, %4 on hold; %n lines</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/io/orderimporter.cpp" line="98"/>
        <source>; %n order(s) with nothing to send skipped</source>
        <translation>
            <numerusform>; %n order with nothing to send skipped</numerusform>
            <numerusform>; %n orders with nothing to send skipped</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/io/orderimporter.cpp" line="100"/>
        <source>%1 (%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/orderimporter.cpp" line="101"/>
        <source>%1 (%2), dry run, nothing changed: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderService</name>
    <message>
        <location filename="../src/services/orderservice.cpp" line="35"/>
        <source>An order needs at least one line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="38"/>
        <source>An order may have at most %1 lines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="41"/>
        <source>The channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="43"/>
        <source>The channel&apos;s order id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="45"/>
        <source>The customer name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="47"/>
        <source>The e-mail address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="48"/>
        <source>The region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="50"/>
        <source>The postcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="52"/>
        <source>The address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="53"/>
        <source>The note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="54"/>
        <source>The channel&apos;s state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="57"/>
        <source>The hold reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="59"/>
        <location filename="../src/services/orderservice.cpp" line="64"/>
        <source>The SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="61"/>
        <source>The channel&apos;s SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="65"/>
        <source>The item name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="69"/>
        <source>An order line has no SKU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="72"/>
        <location filename="../src/services/orderservice.cpp" line="88"/>
        <source>The quantity of %1 must be between 1 and %2, not %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="79"/>
        <source>Of %1 × %2, %3 sent and %4 cancelled is not possible.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="95"/>
        <source>An order needs a channel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="98"/>
        <source>Unknown payment state &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="133"/>
        <source>Order %1 from %2 is already here as %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="182"/>
        <source>Unknown SKU &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="187"/>
        <source>%1 is no longer sold (inactive).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="206"/>
        <source>nothing reserved: no line names one of our products yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="207"/>
        <source>nothing to reserve: %1 sent or cancelled every unit before the import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="210"/>
        <source>%1 ships only from %2; </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="283"/>
        <source>re-routed: another desktop took stock meanwhile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="332"/>
        <source>Order %1 from %2 is already here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="374"/>
        <source>placed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="375"/>
        <source>imported from %1 %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/orderservice.cpp" line="381"/>
        <source>%n unit(s) sent by %1 before the import (no stock moved here)</source>
        <translation>
            <numerusform>%n unit sent by %1 before the import (no stock moved here)</numerusform>
            <numerusform>%n units sent by %1 before the import (no stock moved here)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="388"/>
        <source>on hold: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="413"/>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="436"/>
        <source>the rest was cancelled; what shipped stays shipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="437"/>
        <source>cancelled; reservations released</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="468"/>
        <source>A parcel weighs between 0 and 1,000 kg, not %1 g.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="504"/>
        <location filename="../src/services/orderservice.cpp" line="510"/>
        <location filename="../src/services/orderservice.cpp" line="564"/>
        <source>shipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="516"/>
        <source>Order %1 is not paid (%2): goods leave only when it is paid, or when its channel or customer pays later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/orderservice.cpp" line="577"/>
        <source>shipped %n unit(s) from %1</source>
        <translation>
            <numerusform>shipped %n unit from %1</numerusform>
            <numerusform>shipped %n units from %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="419"/>
        <location filename="../src/services/orderservice.cpp" line="546"/>
        <source>The stock of order %1 at %2 is not reserved as recorded; run check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="522"/>
        <source>Order %1 has nothing allocated to ship yet (backordered).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <location filename="../qml/OrdersPage.qml" line="289"/>
        <source>Cancel %1?</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="296"/>
        <source>Its reserved stock goes back on sale.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="417"/>
        <source>Allocated</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="416"/>
        <source>Backordered</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="11"/>
        <source>Orders</source>
        <comment>@title:tab</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/OrdersPage.qml" line="307"/>
        <source>Put %n order(s) on hold</source>
        <comment>@title:window</comment>
        <translation>
            <numerusform>Put %n order on hold</numerusform>
            <numerusform>Put %n orders on hold</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="315"/>
        <source>Reason (the stock stays reserved):</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="321"/>
        <source>e.g. address check</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="322"/>
        <source>Hold reason</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="335"/>
        <source>Refund %1</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="344"/>
        <source>Amount:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="351"/>
        <source>Refund amount</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="354"/>
        <source>Note:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="360"/>
        <source>Refund note</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="389"/>
        <source>Search order, customer, e-mail, SKU, tracking (Ctrl+F)</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="391"/>
        <source>Search orders</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="415"/>
        <source>Any status</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="418"/>
        <source>On hold</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="419"/>
        <source>Picking</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="420"/>
        <source>Packed</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="421"/>
        <source>Partly shipped</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="422"/>
        <source>Shipped</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="423"/>
        <source>Delivered</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="424"/>
        <source>Cancelled</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="427"/>
        <source>Filter by status</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="434"/>
        <source>Any payment</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="435"/>
        <source>Pending</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="436"/>
        <source>Authorised</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="437"/>
        <source>Paid</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="438"/>
        <source>Partly refunded</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="439"/>
        <source>Refunded</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="440"/>
        <source>Voided</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="443"/>
        <source>Filter by payment</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="447"/>
        <source>Any channel</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="449"/>
        <source>Filter by channel</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="453"/>
        <source>Any location</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="455"/>
        <source>Filter by location</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="462"/>
        <source>Newest first</source>
        <comment>@item:inlistbox sort</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="463"/>
        <source>Oldest first</source>
        <comment>@item:inlistbox sort</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="464"/>
        <source>Highest total</source>
        <comment>@item:inlistbox sort</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="465"/>
        <source>Lowest total</source>
        <comment>@item:inlistbox sort</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="466"/>
        <source>Highest number</source>
        <comment>@item:inlistbox sort</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="467"/>
        <source>Lowest number</source>
        <comment>@item:inlistbox sort</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="474"/>
        <source>Sort orders</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="478"/>
        <source>From yyyy-mm-dd</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="481"/>
        <source>Placed from date</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="485"/>
        <source>To yyyy-mm-dd</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="488"/>
        <source>Placed until date</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="491"/>
        <source>New order…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="495"/>
        <source>Enter an order by hand, e.g. taken on the phone (Ctrl+N)</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="496"/>
        <source>New order</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="499"/>
        <source>Import orders…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="502"/>
        <source>Import a shop platform&apos;s order export (Ctrl+Shift+I)</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="503"/>
        <source>Import orders from a file</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="506"/>
        <source>SKU aliases…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="509"/>
        <source>Map the imported lines that name none of our products (Ctrl+Shift+M)</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="510"/>
        <source>SKU aliases and waiting lines</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="513"/>
        <source>Export…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="516"/>
        <source>Export orders, stock, the ledger or products to a CSV file (Ctrl+Shift+E)</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="517"/>
        <source>Export to a file</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="522"/>
        <source>Pick list…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="525"/>
        <source>Print the pick list of a location</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/OrdersPage.qml" line="547"/>
        <source>%1 selected · %n order(s)</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%1 selected · %n order</numerusform>
            <numerusform>%1 selected · %n orders</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="549"/>
        <source>Showing %1 of more than %2 orders</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/OrdersPage.qml" line="550"/>
        <source>Showing %1 of %n order(s)</source>
        <comment>@info</comment>
        <translation>
            <numerusform>Showing %1 of %n order</numerusform>
            <numerusform>Showing %1 of %n orders</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="588"/>
        <source>Order</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="589"/>
        <source>Placed</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="590"/>
        <source>Customer</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="591"/>
        <source>Channel</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="592"/>
        <source>Status</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="593"/>
        <source>Payment</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="594"/>
        <source>Units</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="595"/>
        <source>Total</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="644"/>
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
        <location filename="../qml/PlaceholderPage.qml" line="34"/>
        <source>Not built yet</source>
        <comment>@info placeholder view</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanningService</name>
    <message>
        <location filename="../src/services/planningservice.cpp" line="399"/>
        <source>%1 from %2 today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="400"/>
        <source>%1 from %2 on %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="503"/>
        <source>Demand forecasting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="505"/>
        <source>A demand history needs a start date before its end date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="519"/>
        <location filename="../src/services/planningservice.cpp" line="668"/>
        <source>An ATP horizon is 1 to 366 days, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="535"/>
        <location filename="../src/services/planningservice.cpp" line="675"/>
        <source>That location is not active: it promises nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="554"/>
        <source>on hand at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="565"/>
        <source>reserved for open orders at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/planningservice.cpp" line="586"/>
        <source>owed to %n waiting backorder line(s)</source>
        <translation>
            <numerusform>owed to %n waiting backorder line</numerusform>
            <numerusform>owed to %n waiting backorder lines</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="594"/>
        <source>%1 expected at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="595"/>
        <source>%1 from %2 in transit to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="598"/>
        <source> (overdue)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="600"/>
        <source> (date estimated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="620"/>
        <source>fills the backorder of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="665"/>
        <source>A promise is for 1 to 1000000 units, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="743"/>
        <source>%1 can be promised for %2: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="748"/>
        <source>Backorders placed earlier (%1 units) are served first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="753"/>
        <source>%1 cannot be promised within %2 days: only %3 by %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="765"/>
        <source>Replenishment planning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="767"/>
        <source>A service level is between 0 and 1 (e.g. 0.95), not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="772"/>
        <source>A review period is 0 to 365 days, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="922"/>
        <source>Name the suggestions to accept (their ids, or all).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="925"/>
        <source>Accepting replenishment suggestions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="952"/>
        <source>Unknown supplier &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="992"/>
        <source>No current suggestion has the id %1 (suggestions change with the stock: list them again).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="998"/>
        <source>No supplier is known for %1: name one with --supplier (it has never been ordered).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="1016"/>
        <location filename="../src/services/planningservice.cpp" line="1024"/>
        <source>Suggested by replenishment. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/planningservice.cpp" line="1038"/>
        <source>accepted %n suggestion(s) as drafts %1</source>
        <translation>
            <numerusform>accepted %n suggestion as drafts %1</numerusform>
            <numerusform>accepted %n suggestions as drafts %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PolicyChart</name>
    <message>
        <location filename="../qml/PolicyChart.qml" line="107"/>
        <source>Average stock (units)</source>
        <comment>@title:axis</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/PolicyChart.qml" line="108"/>
        <source>Average stock value</source>
        <comment>@title:axis</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/PolicyChart.qml" line="117"/>
        <source>Fill rate</source>
        <comment>@title:axis share of units served from stock at once</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/PolicyChart.qml" line="122"/>
        <source>Reorder point (s, S)</source>
        <comment>@label chart series</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/PolicyChart.qml" line="133"/>
        <source>Periodic review (R, S)</source>
        <comment>@label chart series</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/PolicyChart.qml" line="144"/>
        <source>Reorder settings now</source>
        <comment>@label chart series</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/PolicyChart.qml" line="155"/>
        <source>Chosen</source>
        <comment>@label chart series: the policy picked to apply</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProductDialog</name>
    <message>
        <location filename="../qml/ProductDialog.qml" line="40"/>
        <source>New product</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="40"/>
        <source>Edit %1</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="78"/>
        <source>Add</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="78"/>
        <source>Save</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="83"/>
        <source>Cancel</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="98"/>
        <source>SKU:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="106"/>
        <source>e.g. MUG-ENAMEL-BLUE</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="107"/>
        <source>SKU</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="111"/>
        <source>Name:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="117"/>
        <source>Product name</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="123"/>
        <source>GTIN / EAN:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="135"/>
        <source>scan or type the barcode (optional)</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="137"/>
        <source>Barcode</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="148"/>
        <source>✓ Valid check digit</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="149"/>
        <source>✗ %1</source>
        <comment>@info invalid barcode</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="155"/>
        <source>Unit cost:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="162"/>
        <source>what one unit costs us</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="163"/>
        <source>Unit cost</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="167"/>
        <source>Price:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="174"/>
        <source>Price</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="178"/>
        <source>Weight (g):</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="186"/>
        <source>Weight in grams</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="196"/>
        <source>Active (can be sold and ordered)</source>
        <comment>@option:check</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProductImport</name>
    <message>
        <location filename="../src/io/productimport.cpp" line="142"/>
        <source>%1 (on_hand and location may follow)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="147"/>
        <source>Handle,Title,…,Variant SKU,…,Variant Price,… as Shopify exports products (since 2025: URL handle,Title,…,SKU,…,Price,…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="150"/>
        <source>Handle,Title,Option1 Name,Option1 Value,…,SKU,…,Location,…,On hand as Shopify exports inventory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="202"/>
        <source>&quot;%1&quot; is not an amount of money: it is negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="209"/>
        <source>&quot;%1&quot; is not an amount of money: write the cents after a dot and no thousands separators (1234.50)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="213"/>
        <source>&quot;%1&quot; is not an amount of money</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="220"/>
        <source>&quot;%1&quot; is not an amount of money: at most 2 decimals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="229"/>
        <source>&quot;%1&quot; is not an amount of money: more than 100000000.00</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="251"/>
        <source>&quot;%1&quot; is not a weight in grams: a number from 0 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="253"/>
        <source>&quot;%1&quot; is not a weight in grams: a whole number from 0 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="274"/>
        <source>&quot;%1&quot; is not a number of units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="277"/>
        <source>&quot;%1&quot; is not a whole number of units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="283"/>
        <source>%1 units on hand cannot be imported: count the stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="287"/>
        <source>&quot;%1&quot; is more units than can be imported (at most %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="303"/>
        <source>&quot;%1&quot; is not yes or no (write 1, 0, true, false, yes or no)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="316"/>
        <source>&quot;%1&quot; is not a Shopify status (active, draft or archived)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="468"/>
        <source>the file is empty: no products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="471"/>
        <source>the file is empty: no products after the header line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="487"/>
        <source>… and %1 more problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="544"/>
        <source>the header fits none of the formats we read; expected one of these headers: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="563"/>
        <source>the header does not fit the %1 format: it lacks %2; expected a header like %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="592"/>
        <source>unknown column (the columns are %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="600"/>
        <source>the same as column %1 (&quot;%2&quot;): keep one of them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="612"/>
        <source>a location needs an on_hand column beside it (the units there)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="655"/>
        <source>%1 fields where the header has %2 (a comma in a field that is not quoted?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="703"/>
        <source>&quot;%1&quot; is not a valid GTIN: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="715"/>
        <location filename="../src/io/productimport.cpp" line="811"/>
        <source>SKU %1 is already on line %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="730"/>
        <source>empty: every product needs a SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="736"/>
        <source>empty: every product needs a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="765"/>
        <source>empty: every row needs a handle or a SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="775"/>
        <source>empty: every row needs a SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="785"/>
        <source>empty: every row needs the units on hand (or &quot;Not stocked&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="786"/>
        <source>empty: every row needs the units on hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="812"/>
        <source>SKU %1 at %2 is already on line %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="828"/>
        <source>empty: every row needs a handle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="866"/>
        <source>empty: every product needs a name (the Title on the first row of %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="924"/>
        <source>cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProductPane</name>
    <message>
        <location filename="../qml/ProductPane.qml" line="63"/>
        <source>Stock settings: %1 at %2</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="79"/>
        <source>Bin:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="86"/>
        <source>e.g. A-03-2</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="87"/>
        <source>Bin</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="91"/>
        <source>Reorder point:</source>
        <comment>@label:spinbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="99"/>
        <source>0: none</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="100"/>
        <source>Reorder point</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="104"/>
        <source>Reorder quantity:</source>
        <comment>@label:spinbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="112"/>
        <source>Reorder quantity</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="121"/>
        <source>The line turns amber when available + on order + in transit falls below the reorder point.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="144"/>
        <source>Active</source>
        <comment>@label product state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="144"/>
        <source>Inactive</source>
        <comment>@label product state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="150"/>
        <source>Edit…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="154"/>
        <source>Change the product (Ctrl+E)</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="155"/>
        <source>Edit product</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="161"/>
        <source>Close (Esc)</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="162"/>
        <source>Close the product</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="167"/>
        <location filename="../qml/ProductPane.qml" line="456"/>
        <source>Loading…</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="168"/>
        <source>There is no product %1.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="178"/>
        <source>GTIN</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="182"/>
        <source>Cost</source>
        <comment>@label unit cost</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="186"/>
        <source>Avg. cost</source>
        <comment>@label moving-average cost</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="190"/>
        <source>Price</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="194"/>
        <source>Weight</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="210"/>
        <source>Stock by location</source>
        <comment>@title</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="226"/>
        <source>Location</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="233"/>
        <source>Bin</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="234"/>
        <source>On hand</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="235"/>
        <source>Avail.</source>
        <comment>@title:column available</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="236"/>
        <source>Coming</source>
        <comment>@title:column on order + in transit</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="237"/>
        <source>Projected</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="238"/>
        <source>Reorder at</source>
        <comment>@title:column reorder point</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="239"/>
        <source>Qty</source>
        <comment>@title:column reorder quantity</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="317"/>
        <source>%1 on order, %2 in transit</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="350"/>
        <source>Bin and reorder settings at %1</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="351"/>
        <source>Edit the stock settings at %1</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="359"/>
        <source>On hand over the last %1 days</source>
        <comment>@title</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="379"/>
        <source>Ledger</source>
        <comment>@title</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="385"/>
        <source>All locations</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="387"/>
        <source>Ledger of one location</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="441"/>
        <source>Ledger</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="456"/>
        <source>No movements.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="463"/>
        <source>Loading older movements…</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PurchaseService</name>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="15"/>
        <source>Adding a supplier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="17"/>
        <source>A supplier needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="19"/>
        <source>The supplier name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="21"/>
        <source>The e-mail address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="23"/>
        <source>A lead time is 0 to 365 days, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="31"/>
        <source>There is already a supplier &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="62"/>
        <source>Creating a purchase order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="64"/>
        <source>A purchase order needs at least one line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="67"/>
        <source>&quot;%1&quot; is not a date: give the expected date as YYYY-MM-DD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="71"/>
        <source>Line %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="73"/>
        <source>A unit cost cannot be negative (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="78"/>
        <source>Unknown supplier &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="90"/>
        <source>%1 is on the purchase order twice: give it once with the whole quantity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="112"/>
        <source>There is no purchase order %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="145"/>
        <source>Placing a purchase order with the supplier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="146"/>
        <source>ordered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="153"/>
        <source>Closing a purchase order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="154"/>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="161"/>
        <source>Cancelling a purchase order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="162"/>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="170"/>
        <source>Nothing to receive: give at least one SKU and quantity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="173"/>
        <source>Receiving %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="184"/>
        <source>%1 is %2: nothing can be received against it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="196"/>
        <source>%1 is not on %2: receive it without a purchase order, or add it to a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="225"/>
        <source>received</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReceiveDialog</name>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="34"/>
        <source>✗ %1 is not on %2: set it aside.</source>
        <comment>@info barcode, purchase order</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="65"/>
        <source>Receive %1 from %2</source>
        <comment>@title:window purchase order, supplier</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="114"/>
        <source>Scan a barcode or type a SKU: each Enter adds 1</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="115"/>
        <source>Scan or SKU</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="122"/>
        <source>Everything outstanding</source>
        <comment>@action:button fill in every outstanding quantity</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="124"/>
        <source>Fill in every outstanding quantity</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="162"/>
        <source>SKU</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="167"/>
        <source>Name</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="172"/>
        <source>Received / ordered</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="178"/>
        <source>Outstanding</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="184"/>
        <source>Arrived now</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="253"/>
        <source>Units of %1 arrived now</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="263"/>
        <source>+%1 over</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="274"/>
        <source>Note, e.g. the delivery note number (optional)</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="275"/>
        <source>Receipt note</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="281"/>
        <source>Receiving…</source>
        <comment>@action:button busy</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ReceiveDialog.qml" line="282"/>
        <source>Receive %n unit(s)</source>
        <comment>@action:button</comment>
        <translation>
            <numerusform>Receive %n unit</numerusform>
            <numerusform>Receive %n units</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="291"/>
        <source>Cancel</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReceivingPage</name>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="13"/>
        <source>Receiving</source>
        <comment>@title:tab</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="117"/>
        <source>Cancel %1?</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="118"/>
        <source>Nothing of it has come in; its units no longer count as on order.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="125"/>
        <source>Close %1 short?</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ReceivingPage.qml" line="126"/>
        <source>Nothing more will come: %n outstanding unit(s) stop counting as on order. The shortfall stays visible on the purchase order.</source>
        <comment>@info</comment>
        <translation>
            <numerusform>Nothing more will come: %n outstanding unit stops counting as on order. The shortfall stays visible on the purchase order.</numerusform>
            <numerusform>Nothing more will come: %n outstanding units stop counting as on order. The shortfall stays visible on the purchase order.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="152"/>
        <source>Show purchase orders by status (Ctrl+F)</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="155"/>
        <source>New purchase order…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="160"/>
        <source>New purchase order</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ReceivingPage.qml" line="165"/>
        <source>%n purchase order(s)</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n purchase order</numerusform>
            <numerusform>%n purchase orders</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="181"/>
        <source>PO</source>
        <comment>@title:column purchase order number</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="181"/>
        <source>Supplier</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="182"/>
        <source>To</source>
        <comment>@title:column receiving location</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="182"/>
        <source>Status</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="183"/>
        <source>Expected</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="183"/>
        <source>Received</source>
        <comment>@title:column received / ordered units</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="184"/>
        <source>Over/short</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="186"/>
        <source>No purchase orders here. Ctrl+N starts one.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="200"/>
        <source>No purchase order selected</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="218"/>
        <source>Overdue</source>
        <comment>@info expected date passed</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="226"/>
        <source>%1 → %2 · expected %3</source>
        <comment>@info supplier → location · expected date</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="228"/>
        <source>no date</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="234"/>
        <source>created by %1, %2</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="235"/>
        <source>ordered %1</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="236"/>
        <source>closed %1</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="245"/>
        <source>Note: %1</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="260"/>
        <source>Order</source>
        <comment>@action:button send the purchase order</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="266"/>
        <source>Receive…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="273"/>
        <source>Close short…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="279"/>
        <source>Cancel…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="294"/>
        <source>Ordered %1 (%2)</source>
        <comment>@info units (value)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="295"/>
        <source>received %1</source>
        <comment>@info units</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="297"/>
        <source>%1 short</source>
        <comment>@info units that never came</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="297"/>
        <source>%1 to come</source>
        <comment>@info units</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="299"/>
        <source>%1 over</source>
        <comment>@info units</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="310"/>
        <source>SKU</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="311"/>
        <source>Name</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="312"/>
        <source>Ordered</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="313"/>
        <source>Received</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="314"/>
        <source>Short</source>
        <comment>@title:column units that never came</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="315"/>
        <source>To come</source>
        <comment>@title:column outstanding units</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="317"/>
        <source>Over</source>
        <comment>@title:column units beyond the order</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="327"/>
        <source>Last change by %1, %2</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Replenishment</name>
    <message>
        <location filename="../src/domain/replenishment.cpp" line="216"/>
        <source>lead time %1 d, %2 % service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/replenishment.cpp" line="219"/>
        <source>projected %1 above order-up-to %2 (%3): transfer %4 to %5, no order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/replenishment.cpp" line="225"/>
        <source>projected %1 at or above reorder point %2 (%3): no order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/replenishment.cpp" line="232"/>
        <source>transfer %1 from %2 to reach %3, no order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/replenishment.cpp" line="236"/>
        <source>transfer %1 from %2, order %3 to reach %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/replenishment.cpp" line="240"/>
        <source>order %1 to reach %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/replenishment.cpp" line="247"/>
        <source> (minimum order %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/replenishment.cpp" line="249"/>
        <source> (packs of %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/replenishment.cpp" line="253"/>
        <source>projected %1 below reorder point %2 (%3): %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/replenishment.cpp" line="422"/>
        <source>%1 projected %2 below reorder point %3; %4 projected %5 above order-up-to %6: move %7</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReplenishmentDialog</name>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="20"/>
        <source>%1 %</source>
        <comment>@item:inlistbox service level in percent</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="33"/>
        <source>Replenish</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="65"/>
        <source>Location:</source>
        <comment>@label:listbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="71"/>
        <source>All locations</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="77"/>
        <source>Location</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="80"/>
        <source>Service level:</source>
        <comment>@label:listbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="89"/>
        <source>Service level</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="91"/>
        <source>Chance of not running out before the next delivery</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="94"/>
        <source>Review every:</source>
        <comment>@label:spinbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ReplenishmentDialog.qml" line="104"/>
        <source>%n day(s)</source>
        <comment>@item:valuesuffix</comment>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="107"/>
        <source>Review period in days</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="109"/>
        <source>How often replenishment orders are placed (0: whenever needed)</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="112"/>
        <source>Recalculate</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="129"/>
        <source>Planning…</source>
        <comment>@info:status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="137"/>
        <source>Stock, orders or documents changed since these suggestions were computed: Recalculate (F5).</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="159"/>
        <source>Suggestions</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="188"/>
        <source>%1 %2 at %3: %4</source>
        <comment>@info sku, qty, location, reason</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="223"/>
        <source>Include %1</source>
        <comment>@action:check sku</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="244"/>
        <source>move %1</source>
        <comment>@info units to transfer</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="245"/>
        <source>buy %1</source>
        <comment>@info units to purchase</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="256"/>
        <source>✓ in a draft</source>
        <comment>@info suggestion created as a draft</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="257"/>
        <source>no supplier</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="289"/>
        <source>Nothing to replenish: every location is covered at this service level.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="302"/>
        <source>Order the products without a supplier from:</source>
        <comment>@label:listbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="309"/>
        <source>Supplier for products never ordered</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="326"/>
        <source>Drafts created (check them, then order or request them): %1</source>
        <comment>@info a list of links</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="346"/>
        <source>Can we promise:</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="352"/>
        <source>SKU</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="353"/>
        <source>SKU to promise</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="363"/>
        <source>Quantity to promise</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="378"/>
        <source>Select none</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="378"/>
        <source>Select all</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="383"/>
        <source>Tick or clear every suggestion (Ctrl+A in the list; Space ticks one)</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ReplenishmentDialog.qml" line="386"/>
        <source>Create %n draft line(s)</source>
        <comment>@action:button</comment>
        <translation>
            <numerusform>Create %n draft line</numerusform>
            <numerusform>Create %n draft lines</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="387"/>
        <source>Create drafts</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="396"/>
        <source>Close</source>
        <comment>@action:button</comment>
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
        <location filename="../src/services/returnservice.cpp" line="18"/>
        <source>&quot;%1&quot; is not a return number (RMA-000012).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="22"/>
        <source>There is no return %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="44"/>
        <source>Return %1 is %2: it cannot be %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="59"/>
        <source>A return needs at least one line (SKU and quantity).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="63"/>
        <location filename="../src/services/returnservice.cpp" line="139"/>
        <source>The quantity of %1 must be at least 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="98"/>
        <source>%1 is not in order %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="102"/>
        <source>Only %1 × %2 of order %3 shipped and %4 are returned already: %5 more cannot come back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="114"/>
        <source>Order %1 was changed meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="122"/>
        <source>return %1 requested: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="135"/>
        <source>Say what happens to the returned units: restock or write off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="142"/>
        <source>Restocking %1 needs a location.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="145"/>
        <source>Writing off %1 needs a reason: %2, not &quot;%3&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="159"/>
        <source>Writing off returned units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="170"/>
        <source>returned units written off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="172"/>
        <location filename="../src/services/returnservice.cpp" line="227"/>
        <location filename="../src/services/returnservice.cpp" line="252"/>
        <source>received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="188"/>
        <source>Return %1 expects no more %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="191"/>
        <source>Return %1 expects %2 × %3, not %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="207"/>
        <source>%1 never shipped; say where it is written off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="222"/>
        <source>%1 × %2 restocked at %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="231"/>
        <source>The written-off units of %1 could not be booked out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="240"/>
        <source>%1 × %2 written off (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="257"/>
        <source>return %1 received: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="273"/>
        <source>refunded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="288"/>
        <source>A refund must be more than 0.00.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="293"/>
        <source>%1 was paid %2 and refunded %3 already: %4 more cannot be refunded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="302"/>
        <source>The payment of %1 is %2: nothing can be refunded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="309"/>
        <source>refunded %1 for return %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="324"/>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="331"/>
        <source>The returned count of %1 does not match return %2; run check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="337"/>
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
    <name>SeriesFile</name>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="255"/>
        <source>cannot be opened: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="293"/>
        <source>is empty; expected the header series_id,period,value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="297"/>
        <source>the header has an unbalanced quote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="316"/>
        <source>the header must name the columns series_id, period and value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="332"/>
        <source>unbalanced quote</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/io/seriesfile.cpp" line="337"/>
        <source>%n field(s), the header has more</source>
        <translation>
            <numerusform>%n field, the header has more</numerusform>
            <numerusform>%n fields, the header has more</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="344"/>
        <source>is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="354"/>
        <source>&quot;%1&quot; is neither a whole number nor a date (YYYY-MM-DD, YYYY-MM or YYYY-Qn)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="363"/>
        <source>&quot;%1&quot; is written differently from the period on line %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="376"/>
        <source>&quot;%1&quot; is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="393"/>
        <source>is not UTF-8 text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="406"/>
        <source>has a header but no rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/io/seriesfile.cpp" line="441"/>
        <source>dates %n day(s) apart are neither daily, weekly, monthly, quarterly nor yearly</source>
        <translation>
            <numerusform>dates %n day apart are neither daily, weekly, monthly, quarterly nor yearly</numerusform>
            <numerusform>dates %n days apart are neither daily, weekly, monthly, quarterly nor yearly</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="485"/>
        <source>series %1 would span %2 periods; its periods are too far apart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="498"/>
        <source>is not a whole number of weeks after the first period of series %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="505"/>
        <source>series %1 has this period already on line %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../qml/SettingsDialog.qml" line="19"/>
        <source>Settings</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SettingsDialog.qml" line="30"/>
        <source>Language:</source>
        <comment>@label:listbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SettingsDialog.qml" line="45"/>
        <source>Language of the interface</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SettingsDialog.qml" line="49"/>
        <source>Text size:</source>
        <comment>@label:listbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SettingsDialog.qml" line="59"/>
        <source>Normal (100 %)</source>
        <comment>@item:inlistbox text size</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SettingsDialog.qml" line="60"/>
        <source>Large (125 %)</source>
        <comment>@item:inlistbox text size</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SettingsDialog.qml" line="61"/>
        <source>Larger (150 %)</source>
        <comment>@item:inlistbox text size</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SettingsDialog.qml" line="62"/>
        <source>Largest (200 %)</source>
        <comment>@item:inlistbox text size</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SettingsDialog.qml" line="66"/>
        <source>Text size</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SettingsDialog.qml" line="71"/>
        <source>Formats:</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SettingsDialog.qml" line="79"/>
        <source>%1 · %2 · %3</source>
        <comment>@info number · money · date</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SettingsDialog.qml" line="90"/>
        <source>The language also sets how numbers, money and dates are written. Both settings apply at once and are kept on this desktop; start with --lang to use another language once.</source>
        <comment>@info</comment>
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
    <name>SignInWindow</name>
    <message>
        <location filename="../qml/SignInWindow.qml" line="23"/>
        <source>Stockroom — first start</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="23"/>
        <source>Stockroom — sign in</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="61"/>
        <source>Welcome to Stockroom</source>
        <comment>@title</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="61"/>
        <source>Sign in</source>
        <comment>@title</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="70"/>
        <source>This database has no users yet. Create its administrator: they can add clerks and managers later (Users… in the toolbar).</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="71"/>
        <source>Database: %1</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="86"/>
        <location filename="../qml/SignInWindow.qml" line="96"/>
        <source>User name</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="102"/>
        <location filename="../qml/SignInWindow.qml" line="112"/>
        <source>Full name</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="115"/>
        <location filename="../qml/SignInWindow.qml" line="125"/>
        <source>Password</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="124"/>
        <source>at least 8 characters</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="132"/>
        <location filename="../qml/SignInWindow.qml" line="142"/>
        <source>Repeat password</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="152"/>
        <source>Stay signed in on this desktop (30 days)</source>
        <comment>@option:check</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="179"/>
        <source>Create and sign in</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="179"/>
        <source>Sign in</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SkuAliasesDialog</name>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="40"/>
        <source>SKU aliases: waiting lines of %1</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="41"/>
        <source>SKU aliases</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="58"/>
        <source>Drop line %1 of %2?</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="68"/>
        <source>Remove the alias “%1”?</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="69"/>
        <source>Lines already mapped stay as they are; the next import that names “%1” puts its order on hold again.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="78"/>
        <location filename="../qml/SkuAliasesDialog.qml" line="438"/>
        <source>Remove…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="83"/>
        <source>Close</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="96"/>
        <source>SKU aliases</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="99"/>
        <source>Waiting lines (%1)</source>
        <comment>@title:tab</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="103"/>
        <source>Aliases (%1)</source>
        <comment>@title:tab</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="123"/>
        <source>Only the lines of %1.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="128"/>
        <source>Show every order&apos;s</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="130"/>
        <source>Show the waiting lines of every order</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="135"/>
        <source>Each line names a product we do not have, and its order waits on hold. Choose which of our products it is and press Map: the mapping is kept as an alias, every line that names it is resolved, and the next import knows it. Drop a line that will not be sent.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="142"/>
        <source>No order line waits for a mapping.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="156"/>
        <source>Waiting lines</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="195"/>
        <source>Open order %1</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="198"/>
        <source>%1 %2 · line %3</source>
        <comment>@info channel, their order id, line</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="202"/>
        <source>%1 ×</source>
        <comment>@info quantity</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="207"/>
        <source>⚠ not one of our products: %1</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="221"/>
        <source>Our SKU or product name…</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="224"/>
        <source>Our product for %1</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="225"/>
        <source>Type to search; arrow keys choose, Enter takes it, Enter again maps.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="286"/>
        <source>Matching products</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="294"/>
        <source>%1 — %2 (%3 available)</source>
        <comment>@item sku, name, units</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="303"/>
        <source>No product of ours matches.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="303"/>
        <source>Searching…</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="318"/>
        <source>Every channel</source>
        <comment>@option:check</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="321"/>
        <source>Off: the alias holds for %1 only</source>
        <comment>@info:tooltip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="322"/>
        <source>Map for every channel, not only %1</source>
        <comment>@option:check</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="325"/>
        <source>Map</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="329"/>
        <source>Map %1 to %2</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="332"/>
        <source>Drop line…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="337"/>
        <source>%1 × %2 will not be sent. When it is the order&apos;s last waiting line, the order comes off hold (or is cancelled when nothing of ours is left in it).</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="340"/>
        <source>Drop line %1 of %2</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="356"/>
        <source>Search aliases, SKUs, products</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="358"/>
        <source>Search aliases</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="369"/>
        <source>Channel</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="376"/>
        <source>Theirs → ours</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="382"/>
        <source>Mapped by</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="393"/>
        <source>No SKU aliases yet: mapping a waiting line makes one.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="394"/>
        <source>No alias matches.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="406"/>
        <source>Aliases</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="425"/>
        <source>%1 → %2 (%3)</source>
        <comment>@info their SKU → our SKU (product)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="431"/>
        <source>%1, %2</source>
        <comment>@info who, when</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="445"/>
        <source>Remove the alias %1</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="464"/>
        <source>Not done: %1</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StartCountDialog</name>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="31"/>
        <source>Start a stock count</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="68"/>
        <source>Location:</source>
        <comment>@label:listbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="75"/>
        <source>Location to count</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="82"/>
        <source>The whole location</source>
        <comment>@option:radio</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="87"/>
        <source>A cycle count of some products:</source>
        <comment>@option:radio</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="97"/>
        <source>Bins starting with:</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="104"/>
        <source>e.g. A-01 (any bin when empty)</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="105"/>
        <source>Bin prefix</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="108"/>
        <source>ABC class:</source>
        <comment>@label:listbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="117"/>
        <source>Any class</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="118"/>
        <source>A: the products behind 80 % of the value shipped</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="119"/>
        <source>B: the next 15 %</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="120"/>
        <source>C: the rest</source>
        <comment>@item:inlistbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="122"/>
        <source>ABC class</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="125"/>
        <source>Not counted for:</source>
        <comment>@label:spinbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="134"/>
        <source>Not counted for this many days (0: any)</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="137"/>
        <source>days (any)</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="137"/>
        <source>days</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="145"/>
        <source>Blind: counters do not see the expected quantities</source>
        <comment>@option:check</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="151"/>
        <source>Note (optional)</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="152"/>
        <source>Note</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="167"/>
        <source>Start counting</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="176"/>
        <source>Cancel</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StockChart</name>
    <message>
        <location filename="../qml/StockChart.qml" line="58"/>
        <source>On hand per location over time</source>
        <comment>@label chart</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/StockChart.qml" line="63"/>
        <source>No stock here yet.</source>
        <comment>@info chart without data</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StockFeed</name>
    <message>
        <location filename="../src/io/stockfeed.cpp" line="85"/>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/io/stockfeed.cpp" line="91"/>
        <source>The feed of %1 was recorded, but %2 could not be saved: %3. Write the feed again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StockService</name>
    <message>
        <location filename="../src/services/stockservice.cpp" line="21"/>
        <source>A receipt needs a quantity between 1 and %1, not %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/stockservice.cpp" line="33"/>
        <source>An adjustment needs a non-zero change within ±%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/stockservice.cpp" line="36"/>
        <source>An adjustment needs a reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/stockservice.cpp" line="47"/>
        <source>Writing stock off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/stockservice.cpp" line="48"/>
        <source>Adjusting stock by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/stockservice.cpp" line="61"/>
        <source>%1 × %2 at %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/stockservice.cpp" line="69"/>
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
    <name>Stockroom::ChannelController</name>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="20"/>
        <source>Shopify inventory CSV</source>
        <comment>@item feed format</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="23"/>
        <source>CSV (SKU, location, available)</source>
        <comment>@item feed format</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/channelcontroller.cpp" line="163"/>
        <source>%n unit(s) + %1 %</source>
        <comment>@item feed buffer</comment>
        <translation>
            <numerusform>%n unit + %1 %</numerusform>
            <numerusform>%n units + %1 %</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/channelcontroller.cpp" line="165"/>
        <source>%n unit(s)</source>
        <comment>@item feed buffer</comment>
        <translation>
            <numerusform>%n unit</numerusform>
            <numerusform>%n units</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="167"/>
        <source>%1 %</source>
        <comment>@item feed buffer</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="169"/>
        <source>none</source>
        <comment>@item feed buffer</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="173"/>
        <source>✓ Up to date</source>
        <comment>@info feed status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/channelcontroller.cpp" line="175"/>
        <source>⚠ Never written: %n SKU(s) to send</source>
        <comment>@info feed status</comment>
        <translation>
            <numerusform>⚠ Never written: %n SKU to send</numerusform>
            <numerusform>⚠ Never written: %n SKUs to send</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/channelcontroller.cpp" line="177"/>
        <source>⚠ %n SKU(s) changed since</source>
        <comment>@info feed status</comment>
        <translation>
            <numerusform>⚠ %n SKU changed since</numerusform>
            <numerusform>⚠ %n SKUs changed since</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="183"/>
        <source>every active location</source>
        <comment>@item feed locations</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="204"/>
        <source>Total</source>
        <comment>@item feed row</comment>
        <extracomment>the SKU&apos;s number over all of the channel&apos;s locations (the csv feed has one per SKU)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="205"/>
        <source>not sent</source>
        <comment>@item feed number</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="206"/>
        <source>no longer sent</source>
        <comment>@item feed number</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="216"/>
        <source>new</source>
        <comment>@item feed number</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="216"/>
        <source>removed</source>
        <comment>@item feed number</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="321"/>
        <source>%1-stock-feed.csv</source>
        <comment>@item file name</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="332"/>
        <source>Choose a channel first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="332"/>
        <source>Choose the file to write first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/channelcontroller.cpp" line="354"/>
        <source>Feed of %1 written to %2: %n row(s).</source>
        <comment>@info</comment>
        <translation>
            <numerusform>Feed of %1 written to %2: %n row.</numerusform>
            <numerusform>Feed of %1 written to %2: %n rows.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/channelcontroller.cpp" line="357"/>
        <source>%n SKU(s) had changed since the last feed.</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n SKU had changed since the last feed.</numerusform>
            <numerusform>%n SKUs had changed since the last feed.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="390"/>
        <source>Feed settings of %1 saved.</source>
        <comment>@info</comment>
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
        <location filename="../src/ui/databaseworker.cpp" line="375"/>
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="377"/>
        <source>Nothing was imported:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="407"/>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="419"/>
        <source>Unknown action &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="413"/>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="479"/>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="536"/>
        <source>%1 cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="415"/>
        <source>%1 shipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="417"/>
        <source>%1 marked paid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="419"/>
        <source>Payment of %1 authorised.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="421"/>
        <source>Payment of %1 voided.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="423"/>
        <source>Refund for %1 recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="425"/>
        <source>%1 is on hold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="427"/>
        <source>%1 is off hold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="429"/>
        <source>%1 released for picking.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="431"/>
        <source>Return for %1 created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="433"/>
        <source>Return %1 received.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="435"/>
        <source>Return %1 refunded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="437"/>
        <source>Return %1 cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="439"/>
        <source>Tracking event for %1 recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="441"/>
        <source>Tracking events of %1 imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker.cpp" line="490"/>
        <source>%n order(s) done</source>
        <translation>
            <numerusform>%n order done</numerusform>
            <numerusform>%n orders done</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker.cpp" line="492"/>
        <source>%n refused</source>
        <translation>
            <numerusform>%n refused</numerusform>
            <numerusform>%n refused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker.cpp" line="555"/>
        <source>Pick list for %1: %n order(s), written to %2.</source>
        <translation>
            <numerusform>Pick list for %1: %n order, written to %2.</numerusform>
            <numerusform>Pick list for %1: %n orders, written to %2.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="565"/>
        <source>None of these orders has shipped with a tracking number yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker.cpp" line="569"/>
        <source>%n label(s) written to %1.</source>
        <translation>
            <numerusform>%n label written to %1.</numerusform>
            <numerusform>%n labels written to %1.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="572"/>
        <source>Not shipped yet, no label: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="80"/>
        <source>+%n over</source>
        <comment>@info units delivered beyond the order</comment>
        <translation>
            <numerusform>+%n over</numerusform>
            <numerusform>+%n over</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="83"/>
        <source>%n short</source>
        <comment>@info units that never came</comment>
        <translation>
            <numerusform>%n short</numerusform>
            <numerusform>%n short</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="85"/>
        <source>%n over/short</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n over/short</numerusform>
            <numerusform>%n over/short</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="97"/>
        <source>%n missing</source>
        <comment>@info units waiting for approval</comment>
        <translation>
            <numerusform>%n missing</numerusform>
            <numerusform>%n missing</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="105"/>
        <source>%n with variance</source>
        <comment>@info count lines</comment>
        <translation>
            <numerusform>%n with variance</numerusform>
            <numerusform>%n with variance</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="221"/>
        <source>%1: %2 of %3 available</source>
        <comment>@info sku: available of wanted</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="343"/>
        <source>Cycle count</source>
        <comment>@label kind of stock count</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="344"/>
        <source>Whole location</source>
        <comment>@label kind of stock count</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="396"/>
        <source>Unknown kind of document.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="442"/>
        <source>%1 created for %2: order it when it is complete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="450"/>
        <source>%1 ordered from %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="459"/>
        <source>%1: %n unit(s) received; everything has come.</source>
        <translation>
            <numerusform>%1: %n unit received; everything has come.</numerusform>
            <numerusform>%1: %n units received; everything has come.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="461"/>
        <source>%1: %n unit(s) received.</source>
        <translation>
            <numerusform>%1: %n unit received.</numerusform>
            <numerusform>%1: %n units received.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="472"/>
        <source>%1 closed: %n unit(s) never came.</source>
        <translation>
            <numerusform>%1 closed: %n unit never came.</numerusform>
            <numerusform>%1 closed: %n units never came.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="496"/>
        <source>%1 created: %2 → %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="502"/>
        <source>%1 requested from %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="511"/>
        <source>%1 shipped: %n unit(s) on their way to %2.</source>
        <translation>
            <numerusform>%1 shipped: %n unit on their way to %2.</numerusform>
            <numerusform>%1 shipped: %n units on their way to %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="518"/>
        <source>%1: %n unit(s) arrived.</source>
        <translation>
            <numerusform>%1: %n unit arrived.</numerusform>
            <numerusform>%1: %n units arrived.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="521"/>
        <source>%n unit(s) reported missing, waiting for a manager.</source>
        <translation>
            <numerusform>%n unit reported missing, waiting for a manager.</numerusform>
            <numerusform>%n units reported missing, waiting for a manager.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="529"/>
        <source>Missing units of %1 written off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="530"/>
        <source>Missing units of %1 are expected again (in transit).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="559"/>
        <source>%1 started at %2: %n line(s) to count.</source>
        <translation>
            <numerusform>%1 started at %2: %n line to count.</numerusform>
            <numerusform>%1 started at %2: %n lines to count.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="570"/>
        <source>%1: %2 counted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="580"/>
        <source>%1 submitted: %n line(s) differ from the books.</source>
        <translation>
            <numerusform>%1 submitted: %n line differs from the books.</numerusform>
            <numerusform>%1 submitted: %n lines differ from the books.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="590"/>
        <source>%1 approved: %n adjustment(s) booked.</source>
        <translation>
            <numerusform>%1 approved: %n adjustment booked.</numerusform>
            <numerusform>%1 approved: %n adjustments booked.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="596"/>
        <source>%1 rejected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="601"/>
        <source>%1 is open for counting again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_products.cpp" line="121"/>
        <source>Product %1 added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_products.cpp" line="122"/>
        <source>Product %1 saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_products.cpp" line="139"/>
        <source>Stock settings of %1 at %2 saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_products.cpp" line="236"/>
        <source>Location %1 added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_products.cpp" line="236"/>
        <source>Location %1 saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_products.cpp" line="259"/>
        <source>Supplier %1 added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_feed.cpp" line="22"/>
        <source>Cannot write %1: the folder %2 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_feed.cpp" line="149"/>
        <source>&quot;%1&quot; is not an export: orders, stock, ledger or products.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_orders_import.cpp" line="160"/>
        <source>on every channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_orders_import.cpp" line="161"/>
        <source>on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_orders_import.cpp" line="163"/>
        <source>“%1” is our %2 %3; %n waiting line(s) resolved.</source>
        <translation>
            <numerusform>“%1” is our %2 %3; %n waiting line resolved.</numerusform>
            <numerusform>“%1” is our %2 %3; %n waiting lines resolved.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_orders_import.cpp" line="178"/>
        <source>Alias “%1” removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_orders_import.cpp" line="201"/>
        <source>Line %1 dropped from %2 (now: %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_forecast.cpp" line="67"/>
        <source>The database could not be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="106"/>
        <source>%1 %</source>
        <comment>@info share in percent</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="167"/>
        <source>now</source>
        <comment>@info stock-out risk: already out</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="182"/>
        <source>%1?</source>
        <comment>@info lead time assumed: no supplier known</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="205"/>
        <source>%1%2 %</source>
        <comment>@info change against the 30 days before: sign, percent</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="209"/>
        <source>new</source>
        <comment>@info no sales in the 30 days before</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="260"/>
        <source>never sold</source>
        <comment>@info slow mover</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="264"/>
        <source>last sold %1</source>
        <comment>@info slow mover: a date</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="356"/>
        <source>Not enough whole weeks of sales for a trend yet.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="361"/>
        <source>trend %1%2 units a week</source>
        <comment>@info sign, units</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_planning.cpp" line="366"/>
        <source> (%1%2 % over %n week(s))</source>
        <comment>@info sign, percent</comment>
        <translation>
            <numerusform> (%1%2 % over %n week)</numerusform>
            <numerusform> (%1%2 % over %n weeks)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="371"/>
        <source>%1 units, %2; %3</source>
        <comment>@info units, revenue; trend</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_planning.cpp" line="387"/>
        <source>Forecasts are scored once there are %n whole week(s) of sales (now %1).</source>
        <comment>@info</comment>
        <translation>
            <numerusform>Forecasts are scored once there is %n whole week of sales (now %1).</numerusform>
            <numerusform>Forecasts are scored once there are %n whole weeks of sales (now %1).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="444"/>
        <source>MASE %1 (naive %2)</source>
        <comment>@info forecast accuracy against a naive forecast</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="446"/>
        <source>MASE not defined (flat history)</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="447"/>
        <source>bias %1%2 units a week</source>
        <comment>@info sign, units</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_planning.cpp" line="456"/>
        <source>%n week(s) forecast %1 weeks ahead: %2, %3; now %4.</source>
        <comment>@info weeks scored, lead, MASE, bias, method</comment>
        <translation>
            <numerusform>%n week forecast %1 weeks ahead: %2, %3; now %4.</numerusform>
            <numerusform>%n weeks forecast %1 weeks ahead: %2, %3; now %4.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="478"/>
        <source>projected %1 · reorder point %2 · up to %3 · cover %4 d · lead time %5 d · %6</source>
        <comment>@info replenishment numbers; the last is the forecast method</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_planning.cpp" line="622"/>
        <source>%1 · lead time %n day(s) · %2</source>
        <comment>@title supplier, lead time, order value</comment>
        <translation>
            <numerusform>%1 · lead time %n day · %2</numerusform>
            <numerusform>%1 · lead time %n days · %2</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="625"/>
        <source>No supplier known yet · %1</source>
        <comment>@title order value</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_planning.cpp" line="645"/>
        <source>Transfers between locations · %n suggestion(s)</source>
        <comment>@title</comment>
        <translation>
            <numerusform>Transfers between locations · %n suggestion</numerusform>
            <numerusform>Transfers between locations · %n suggestions</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="658"/>
        <source>%1 → %2</source>
        <comment>@info transfer from → to</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_planning.cpp" line="722"/>
        <source>%1: %2 for %3, %n line(s)</source>
        <comment>@info a draft purchase order</comment>
        <translation>
            <numerusform>%1: %2 for %3, %n line</numerusform>
            <numerusform>%1: %2 for %3, %n lines</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_planning.cpp" line="728"/>
        <source>%1: %2 → %3, %n line(s)</source>
        <comment>@info a draft transfer</comment>
        <translation>
            <numerusform>%1: %2 → %3, %n line</numerusform>
            <numerusform>%1: %2 → %3, %n lines</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="775"/>
        <source>%1 from %2 today</source>
        <comment>@info units, location</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="778"/>
        <source>%1 from %2 on %3</source>
        <comment>@info units, location, date</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="786"/>
        <source>Available now from %1</source>
        <comment>@info locations</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="789"/>
        <source>Earliest promise: %1 from %2</source>
        <comment>@info date, locations</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_planning.cpp" line="794"/>
        <source>Not within %n week(s): only %1 by %2</source>
        <comment>@info units, date</comment>
        <translation>
            <numerusform>Not within %n week: only %1 by %2</numerusform>
            <numerusform>Not within %n weeks: only %1 by %2</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_neworder.cpp" line="32"/>
        <source>Line %1: %2</source>
        <comment>@info line number, why</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_neworder.cpp" line="56"/>
        <source>%1 from %2</source>
        <comment>@info units, location</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_users.cpp" line="16"/>
        <source>Reading the audit trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_users.cpp" line="55"/>
        <source>User %1 added as %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_users.cpp" line="61"/>
        <source>%1 is now %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_users.cpp" line="66"/>
        <source>%1 may sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_users.cpp" line="66"/>
        <source>%1 can no longer sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_users.cpp" line="72"/>
        <source>The password of %1 is set; its other desktops must sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Stockroom::DocumentList</name>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="113"/>
        <source>Open</source>
        <comment>@item:inlistbox documents not finished yet</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="115"/>
        <source>All</source>
        <comment>@item:inlistbox documents of any status</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Stockroom::ExportController</name>
    <message>
        <location filename="../src/ui/exportcontroller.cpp" line="24"/>
        <source>Orders (a row per order line)</source>
        <comment>@item:inlistbox export</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/exportcontroller.cpp" line="26"/>
        <source>Stock levels (a row per product and location)</source>
        <comment>@item:inlistbox export</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/exportcontroller.cpp" line="29"/>
        <source>Ledger (every stock movement)</source>
        <comment>@item:inlistbox export</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/exportcontroller.cpp" line="31"/>
        <source>Products</source>
        <comment>@item:inlistbox export</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/exportcontroller.cpp" line="67"/>
        <source>stockroom-%1-%2.csv</source>
        <comment>@item file name: kind, date</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/exportcontroller.cpp" line="96"/>
        <source>Choose what to export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/exportcontroller.cpp" line="104"/>
        <source>Choose the file to write first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/exportcontroller.cpp" line="109"/>
        <source>A file name cannot contain a NUL character.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/exportcontroller.cpp" line="151"/>
        <source>%n row(s) written to %1.</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n row written to %1.</numerusform>
            <numerusform>%n rows written to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stockroom::FileImportController</name>
    <message>
        <location filename="../src/ui/fileimportcontroller.cpp" line="62"/>
        <source>Choose a file first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/fileimportcontroller.cpp" line="75"/>
        <source>Nothing can be imported until every problem is fixed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/fileimportcontroller.cpp" line="76"/>
        <source>Preview the file first: the import applies what a clean preview showed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/fileimportcontroller.cpp" line="84"/>
        <source>%1 has changed since the preview: preview it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/fileimportcontroller.cpp" line="143"/>
        <source>… and %n more.</source>
        <translation>
            <numerusform>… and %n more.</numerusform>
            <numerusform>… and %n more.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stockroom::ForecastController</name>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="173"/>
        <source>Automatic</source>
        <comment>@item forecast method: chosen by demand class and AICc</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="174"/>
        <source>ETS, best by AICc</source>
        <comment>@item forecast method</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="175"/>
        <source>Naive</source>
        <comment>@item forecast method</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="176"/>
        <source>Seasonal naive</source>
        <comment>@item forecast method</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="177"/>
        <source>Simple exponential smoothing</source>
        <comment>@item forecast method</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="178"/>
        <source>Holt (linear trend)</source>
        <comment>@item forecast method</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="179"/>
        <source>Holt, damped trend</source>
        <comment>@item forecast method</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="180"/>
        <source>Holt-Winters additive</source>
        <comment>@item forecast method</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="182"/>
        <source>Holt-Winters multiplicative</source>
        <comment>@item forecast method</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="183"/>
        <source>Croston (intermittent)</source>
        <comment>@item forecast method</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="184"/>
        <source>SBA (intermittent)</source>
        <comment>@item forecast method</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="185"/>
        <source>TSB (intermittent, obsolescence)</source>
        <comment>@item forecast method</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="421"/>
        <source>There are no products yet: add some in the Inventory view.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="685"/>
        <source>smooth</source>
        <comment>@info demand class</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="688"/>
        <source>erratic</source>
        <comment>@info demand class</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="691"/>
        <source>intermittent</source>
        <comment>@info demand class</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="694"/>
        <source>lumpy</source>
        <comment>@info demand class</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="705"/>
        <source>none: nothing sold yet</source>
        <comment>@info forecast method</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="844"/>
        <source>On hand</source>
        <comment>@item ATP event</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="847"/>
        <source>Reserved</source>
        <comment>@item ATP event</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="850"/>
        <source>Backorders</source>
        <comment>@item ATP event</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="853"/>
        <source>Backorder filled</source>
        <comment>@item ATP event</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="856"/>
        <source>Purchase order</source>
        <comment>@item ATP event</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="859"/>
        <source>Transfer</source>
        <comment>@item ATP event</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="897"/>
        <source>&quot;%1&quot; is not a quantity to promise (1 to 1,000,000 units).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="925"/>
        <source>%1 from %2 on %3</source>
        <comment>@info units, location, date</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="1076"/>
        <source>Reorder point (s, S)</source>
        <comment>@item policy</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="1077"/>
        <source>Periodic review (R, S)</source>
        <comment>@item policy</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="1108"/>
        <source>%1 ± %2 a day</source>
        <comment>@info simulated demand: mean ± sd</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="1110"/>
        <source>%1 % of days, %2 ± %3 units</source>
        <comment>@info simulated intermittent demand</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="1113"/>
        <source>%1 runs of a year each (seeded), demand %2 from the last %3 days, lead time %4 ± %5 days, review every %6 days.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="1133"/>
        <source>Reorder settings belong to a location: choose one first.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="1138"/>
        <source>A periodic review policy has no reorder point to set: choose a reorder point (s, S) policy.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="1171"/>
        <source>Restoring the reorder settings…</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="1172"/>
        <source>Writing the reorder settings…</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="1192"/>
        <source>Restored at %1: reorder point %2, reorder quantity %3.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="1199"/>
        <source>%1 at %2: reorder point %3 → %4, reorder quantity %5 → %6.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Stockroom::InterfaceSettings</name>
    <message>
        <location filename="../src/ui/interfacesettings.cpp" line="108"/>
        <source>There is no translation for the language &quot;%1&quot;; use one of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/interfacesettings.cpp" line="172"/>
        <source>The system&apos;s (%1)</source>
        <comment>@item language</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Stockroom::InventoryDocuments</name>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="513"/>
        <source>&quot;%1&quot; is not a quantity (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="522"/>
        <source>&quot;%1&quot; is not a number of missing units (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="531"/>
        <source>A line has a quantity but no SKU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="543"/>
        <source>&quot;%1&quot; is not a unit cost (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="667"/>
        <source>&quot;%1&quot; is not a quantity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="728"/>
        <source>Draft</source>
        <comment>@label purchase order status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="730"/>
        <source>Ordered</source>
        <comment>@label purchase order status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="732"/>
        <source>Partly received</source>
        <comment>@label purchase order status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="734"/>
        <source>Received</source>
        <comment>@label purchase order status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="736"/>
        <source>Cancelled</source>
        <comment>@label purchase order status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="740"/>
        <source>Draft</source>
        <comment>@label transfer status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="742"/>
        <source>Requested</source>
        <comment>@label transfer status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="744"/>
        <source>In transit</source>
        <comment>@label transfer status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="746"/>
        <source>Received</source>
        <comment>@label transfer status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="748"/>
        <source>Cancelled</source>
        <comment>@label transfer status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="752"/>
        <source>Counting</source>
        <comment>@label stock count status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="754"/>
        <source>Submitted</source>
        <comment>@label stock count status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="756"/>
        <source>Approved</source>
        <comment>@label stock count status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="758"/>
        <source>Rejected</source>
        <comment>@label stock count status</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Stockroom::InventoryModel</name>
    <message>
        <location filename="../src/ui/inventorymodel.cpp" line="93"/>
        <source>Out of stock</source>
        <comment>@label stock level</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/inventorymodel.cpp" line="95"/>
        <source>Reorder</source>
        <comment>@label stock level: below the reorder point</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/inventorymodel.cpp" line="96"/>
        <source>In stock</source>
        <comment>@label stock level</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Stockroom::LedgerModel</name>
    <message>
        <location filename="../src/ui/ledgermodel.cpp" line="47"/>
        <source>Received</source>
        <comment>@label ledger reason</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/ledgermodel.cpp" line="49"/>
        <source>Reserved</source>
        <comment>@label ledger reason: for an order</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/ledgermodel.cpp" line="51"/>
        <source>Released</source>
        <comment>@label ledger reason: a reservation given back</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/ledgermodel.cpp" line="53"/>
        <source>Shipped</source>
        <comment>@label ledger reason</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/ledgermodel.cpp" line="55"/>
        <source>Returned to stock</source>
        <comment>@label ledger reason</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/ledgermodel.cpp" line="57"/>
        <source>Return written off</source>
        <comment>@label ledger reason</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/ledgermodel.cpp" line="59"/>
        <source>Count correction</source>
        <comment>@label ledger reason</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/ledgermodel.cpp" line="61"/>
        <source>Transfer out</source>
        <comment>@label ledger reason</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/ledgermodel.cpp" line="63"/>
        <source>Transfer in</source>
        <comment>@label ledger reason</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/ledgermodel.cpp" line="65"/>
        <source>Written off</source>
        <comment>@label ledger reason</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/ledgermodel.cpp" line="67"/>
        <source>Corrected by hand</source>
        <comment>@label ledger reason</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/ledgermodel.cpp" line="102"/>
        <source>Import %1</source>
        <comment>@info ledger reference</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Stockroom::NewOrderController</name>
    <message>
        <location filename="../src/ui/newordercontroller.cpp" line="60"/>
        <source>Line %1 has no SKU.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/newordercontroller.cpp" line="66"/>
        <source>Line %1 (%2): the quantity must be a whole number of at least 1.</source>
        <comment>@info line, SKU</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/newordercontroller.cpp" line="77"/>
        <source>The order has no lines: enter a SKU and a quantity.</source>
        <comment>@info</comment>
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
        <location filename="../src/ui/orderdetailcontroller.cpp" line="66"/>
        <source>pays later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/orderdetailcontroller.cpp" line="69"/>
        <source>ships only from %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Stockroom::OrderImportController</name>
    <message>
        <location filename="../src/ui/orderimportcontroller.cpp" line="16"/>
        <source>Detect from the header</source>
        <comment>@item:inlistbox file format</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/orderimportcontroller.cpp" line="18"/>
        <source>Shopify orders export</source>
        <comment>@item:inlistbox file format</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/orderimportcontroller.cpp" line="20"/>
        <source>WooCommerce orders export</source>
        <comment>@item:inlistbox file format</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/orderimportcontroller.cpp" line="22"/>
        <source>Amazon order report</source>
        <comment>@item:inlistbox file format</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/orderimportcontroller.cpp" line="24"/>
        <source>eBay Seller Hub orders report</source>
        <comment>@item:inlistbox file format</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/orderimportcontroller.cpp" line="26"/>
        <source>Etsy sold order items</source>
        <comment>@item:inlistbox file format</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/orderimportcontroller.cpp" line="28"/>
        <source>Stockroom orders</source>
        <comment>@item:inlistbox file format</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/orderimportcontroller.cpp" line="36"/>
        <source>On hold</source>
        <comment>@info import notice</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/orderimportcontroller.cpp" line="39"/>
        <source>Kept</source>
        <comment>@info import notice: our newer state was kept</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/orderimportcontroller.cpp" line="41"/>
        <source>Attention</source>
        <comment>@info import notice</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/orderimportcontroller.cpp" line="204"/>
        <source>not recognised</source>
        <comment>@info file format</comment>
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
    <name>Stockroom::ProductController</name>
    <message>
        <location filename="../src/ui/productcontroller.cpp" line="150"/>
        <source>%1 g</source>
        <comment>@info weight in grams</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/productcontroller.cpp" line="253"/>
        <source>&quot;%1&quot; is not a unit cost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/productcontroller.cpp" line="257"/>
        <source>&quot;%1&quot; is not a price.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/productcontroller.cpp" line="261"/>
        <source>&quot;%1&quot; is not a weight in grams.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/productcontroller.cpp" line="285"/>
        <source>&quot;%1&quot; is not a reorder point (a whole number, 0 for none).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/productcontroller.cpp" line="289"/>
        <source>&quot;%1&quot; is not a reorder quantity (a whole number).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/productcontroller.cpp" line="345"/>
        <source>&quot;%1&quot; is not a priority (a whole number, lower ships first).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/productcontroller.cpp" line="362"/>
        <source>&quot;%1&quot; is not a lead time in days.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Stockroom::ProductImportController</name>
    <message>
        <location filename="../src/ui/productimportcontroller.cpp" line="15"/>
        <source>Detect from the header</source>
        <comment>@item:inlistbox file format</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/productimportcontroller.cpp" line="17"/>
        <source>Stockroom products</source>
        <comment>@item:inlistbox file format</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/productimportcontroller.cpp" line="19"/>
        <source>Stockroom stock levels</source>
        <comment>@item:inlistbox file format</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/productimportcontroller.cpp" line="21"/>
        <source>Shopify products export</source>
        <comment>@item:inlistbox file format</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/productimportcontroller.cpp" line="23"/>
        <source>Shopify inventory export</source>
        <comment>@item:inlistbox file format</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/productimportcontroller.cpp" line="125"/>
        <source>not recognised</source>
        <comment>@info file format</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/productimportcontroller.cpp" line="129"/>
        <source>Import %1</source>
        <comment>@info ledger reference</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Stockroom::ReplenishmentController</name>
    <message numerus="yes">
        <location filename="../src/ui/replenishmentcontroller.cpp" line="251"/>
        <source>%n suggestion(s) from %1 product × location plan(s), %2 at risk</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n suggestion from %1 product × location plan(s), %2 at risk</numerusform>
            <numerusform>%n suggestions from %1 product × location plan(s), %2 at risk</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/replenishmentcontroller.cpp" line="321"/>
        <source>Choose a supplier for the products that were never ordered.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Stockroom::Session</name>
    <message numerus="yes">
        <location filename="../src/ui/session.cpp" line="208"/>
        <source>%1 (trying again in %n s)</source>
        <translation>
            <numerusform>%1 (trying again in %n second)</numerusform>
            <numerusform>%1 (trying again in %n seconds)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/session.cpp" line="238"/>
        <source>Live refresh paused: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Stockroom::SignInController</name>
    <message>
        <location filename="../src/ui/signincontroller.cpp" line="134"/>
        <source>This database has users: give --user NAME and the password in $STOCKROOM_PASSWORD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/signincontroller.cpp" line="142"/>
        <source>Type your user name and password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/signincontroller.cpp" line="159"/>
        <source>The two passwords differ.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Stockroom::SkuAliasController</name>
    <message>
        <location filename="../src/ui/skualiascontroller.cpp" line="105"/>
        <source>every channel</source>
        <comment>@item SKU alias</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/skualiascontroller.cpp" line="150"/>
        <source>Choose one of our products for “%1” first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Stockroom::UsersController</name>
    <message>
        <location filename="../src/ui/userscontroller.cpp" line="54"/>
        <location filename="../src/ui/userscontroller.cpp" line="78"/>
        <source>The two passwords differ.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TextField</name>
    <message>
        <location filename="../src/domain/textfield.cpp" line="9"/>
        <source>%1 &quot;%2&quot; contains a NUL character (\0), which cannot be stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/textfield.cpp" line="14"/>
        <source>%1 &quot;%2&quot; is not valid Unicode (a lone surrogate).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/domain/textfield.cpp" line="17"/>
        <source>%1 is %2 characters long; at most %3 are allowed.</source>
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
    <name>TransferReceiveDialog</name>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="37"/>
        <source>%1: only %2 still expected.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="39"/>
        <source>%1: say why units are missing.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="50"/>
        <source>✗ %1 is not expected on %2: set it aside.</source>
        <comment>@info barcode, transfer</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="83"/>
        <source>Receive %1 from %2</source>
        <comment>@title:window transfer, source location</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="131"/>
        <source>Scan a barcode or type a SKU: each Enter adds 1 arrived</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="132"/>
        <source>Scan or SKU</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="139"/>
        <source>Everything arrived</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="141"/>
        <source>Fill in every expected quantity as arrived</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="178"/>
        <source>SKU</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="183"/>
        <source>Name</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="188"/>
        <source>Expected</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="194"/>
        <source>Arrived</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="199"/>
        <source>Missing</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="204"/>
        <source>Why missing</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="268"/>
        <source>Units of %1 arrived</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="284"/>
        <source>Units of %1 missing</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="294"/>
        <source>damaged</source>
        <comment>@item:inlistbox reason units are missing</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="295"/>
        <source>lost in transit</source>
        <comment>@item:inlistbox reason units are missing</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="296"/>
        <source>short shipped</source>
        <comment>@item:inlistbox reason units are missing</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="305"/>
        <source>Why units of %1 are missing</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="321"/>
        <source>Receiving…</source>
        <comment>@action:button busy</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="322"/>
        <source>Receive %1, report %2 missing</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/TransferReceiveDialog.qml" line="323"/>
        <source>Receive %n unit(s)</source>
        <comment>@action:button</comment>
        <translation>
            <numerusform>Receive %n unit</numerusform>
            <numerusform>Receive %n units</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="332"/>
        <source>Cancel</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TransferService</name>
    <message>
        <location filename="../src/services/transferservice.cpp" line="28"/>
        <source>A transfer needs at least one line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="31"/>
        <source>Line %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="36"/>
        <source>A transfer goes between two different locations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="46"/>
        <source>%1 is on the transfer twice: give it once with the whole quantity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="66"/>
        <source>There is no transfer %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="90"/>
        <source>requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="101"/>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="110"/>
        <source>shipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="125"/>
        <source>%1 cannot leave %2: %3 × %4 wanted, %5 available (%6 on hand, %7 reserved for orders).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="136"/>
        <source>to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="160"/>
        <source>received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="172"/>
        <source>Nothing to receive: give at least one SKU and quantity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="178"/>
        <source>Receiving %1 needs a quantity arrived or missing above 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="182"/>
        <source>Missing units of %1 need a reason (damaged, lost, short shipped, …).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="190"/>
        <source>%1 is %2: only a transfer in transit can be received.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="204"/>
        <source>%1 is not on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="209"/>
        <source>%1 of %2: %3 arrived or missing, but only %4 are still expected (%5 sent, %6 arrived, %7 missing).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="223"/>
        <source>from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="241"/>
        <source>Deciding on a transfer&apos;s missing units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="254"/>
        <source>missing units of %1 written off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="255"/>
        <source>missing units of %1 still expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="272"/>
        <source>%1 has no missing units to decide on.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TransfersPage</name>
    <message>
        <location filename="../qml/TransfersPage.qml" line="13"/>
        <source>Transfers</source>
        <comment>@title:tab</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="123"/>
        <source>Cancel %1?</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="124"/>
        <source>Nothing has left %1 yet; the transfer will not happen.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="131"/>
        <source>Write off the missing units of %1?</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/TransfersPage.qml" line="132"/>
        <source>%n unit(s) reported missing stop counting as in transit and are written off. This cannot be undone.</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n unit reported missing stops counting as in transit and are written off. This cannot be undone.</numerusform>
            <numerusform>%n units reported missing stop counting as in transit and are written off. This cannot be undone.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="158"/>
        <source>Show transfers by status (Ctrl+F)</source>
        <comment>@label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="161"/>
        <source>New transfer…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="166"/>
        <source>New transfer</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/TransfersPage.qml" line="171"/>
        <source>%n transfer(s)</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n transfer</numerusform>
            <numerusform>%n transfers</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="186"/>
        <source>Transfer</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="186"/>
        <source>From → to</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="187"/>
        <source>Status</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="187"/>
        <source>Date</source>
        <comment>@title:column shipped, requested or created</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="188"/>
        <source>Arrived</source>
        <comment>@title:column arrived / sent units</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="188"/>
        <location filename="../qml/TransfersPage.qml" line="356"/>
        <source>Missing</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="190"/>
        <source>No transfers here. Ctrl+N starts one.</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="204"/>
        <source>No transfer selected</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="228"/>
        <source>created by %1, %2</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="229"/>
        <source>requested %1</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="230"/>
        <source>shipped by %1, %2</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="231"/>
        <source>received %1</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="240"/>
        <source>Note: %1</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="248"/>
        <source>⚠ Not enough available at %1 to ship: %2</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/TransfersPage.qml" line="267"/>
        <source>%n unit(s) reported missing, waiting for a manager: approve writes them off, reject keeps them in transit.</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n unit reported missing, waiting for a manager: approve writes them off, reject keeps them in transit.</numerusform>
            <numerusform>%n units reported missing, waiting for a manager: approve writes them off, reject keeps them in transit.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="282"/>
        <source>Request</source>
        <comment>@action:button ask the source to send it</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="288"/>
        <source>Ship</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="295"/>
        <source>Receive…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="302"/>
        <source>Approve missing…</source>
        <comment>@action:button write the missing units off</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="308"/>
        <source>Reject missing</source>
        <comment>@action:button the missing units are still expected</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="314"/>
        <source>Cancel…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/TransfersPage.qml" line="330"/>
        <source>%n unit(s) to send from %1</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n unit to send from %1</numerusform>
            <numerusform>%n units to send from %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="331"/>
        <source>Sent %1 · arrived %2 · missing %3 · written off %4 · in transit %5</source>
        <comment>@info totals</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="343"/>
        <source>Missing: </source>
        <comment>@info prefix of the reason units are missing</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="346"/>
        <location filename="../qml/TransfersPage.qml" line="352"/>
        <source>SKU</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="347"/>
        <location filename="../qml/TransfersPage.qml" line="353"/>
        <source>Name</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="348"/>
        <source>Qty</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="349"/>
        <source>Available</source>
        <comment>@title:column at the source</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="350"/>
        <source>Short</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="354"/>
        <source>Sent</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="355"/>
        <source>Arrived</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="357"/>
        <source>Written off</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="358"/>
        <source>In transit</source>
        <comment>@title:column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="368"/>
        <source>Last change by %1, %2</source>
        <comment>@info</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UserService</name>
    <message>
        <location filename="../src/services/userservice.cpp" line="97"/>
        <source>A password needs at least 8 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="100"/>
        <source>A password can have at most 1,024 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="103"/>
        <source>The password cannot be the user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="106"/>
        <source>A password cannot contain a NUL character.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="114"/>
        <source>A user needs a name to sign in with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="117"/>
        <source>A user name cannot start or end with a space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="120"/>
        <source>A user name can have at most 64 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="126"/>
        <source>A user name cannot contain control or invisible characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="143"/>
        <source>This database has users: sign in first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/userservice.cpp" line="163"/>
        <source>Too many wrong passwords for %1: try again in %n second(s).</source>
        <translation>
            <numerusform>Too many wrong passwords for %1: try again in %n second.</numerusform>
            <numerusform>Too many wrong passwords for %1: try again in %n seconds.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="177"/>
        <source>Wrong user name or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="187"/>
        <source>unknown user name</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/userservice.cpp" line="210"/>
        <source>wrong password (%n in a row)</source>
        <translation>
            <numerusform>wrong password (%n in a row)</numerusform>
            <numerusform>wrong password (%n in a row)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="211"/>
        <source>account disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="229"/>
        <source>signed in (stays signed in on %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="230"/>
        <source>signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="245"/>
        <source>Sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="251"/>
        <source>This desktop&apos;s sign-in has expired or was revoked: sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="269"/>
        <location filename="../src/services/userservice.cpp" line="298"/>
        <source>Adding a user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="272"/>
        <source>The first user of a database must be an administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="281"/>
        <source>A full name can have at most 200 characters and no NUL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="302"/>
        <source>There is a user %1 already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="308"/>
        <source>user %1 added as %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="319"/>
        <source>Listing users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="332"/>
        <source>%1 is the last active administrator: make someone else an administrator first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="345"/>
        <source>Setting another user&apos;s password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="351"/>
        <location filename="../src/services/userservice.cpp" line="364"/>
        <location filename="../src/services/userservice.cpp" line="410"/>
        <source>There is no user %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="358"/>
        <source>The current password is not right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="374"/>
        <source>changed own password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="375"/>
        <source>password of %1 set by an administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="381"/>
        <source>Changing a user&apos;s role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="384"/>
        <source>%1 is now %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="390"/>
        <source>Enabling a user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="391"/>
        <source>Disabling a user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="395"/>
        <source>%1 may sign in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="396"/>
        <source>%1 can no longer sign in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../qml/UsersDialog.qml" line="21"/>
        <source>Users</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="21"/>
        <source>My password</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="73"/>
        <location filename="../qml/UsersDialog.qml" line="132"/>
        <source>clerk</source>
        <comment>@item:inlistbox role</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="73"/>
        <location filename="../qml/UsersDialog.qml" line="132"/>
        <source>manager</source>
        <comment>@item:inlistbox role</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="73"/>
        <location filename="../qml/UsersDialog.qml" line="132"/>
        <source>administrator</source>
        <comment>@item:inlistbox role</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="77"/>
        <source>Role of %1</source>
        <comment>@label:listbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="82"/>
        <source>active</source>
        <comment>@info user state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="82"/>
        <source>disabled</source>
        <comment>@info user state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="86"/>
        <source>Disable</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="86"/>
        <source>Enable</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="91"/>
        <source>Password…</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="103"/>
        <source>Add a user</source>
        <comment>@title:group</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="115"/>
        <source>user name</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="117"/>
        <source>New user&apos;s name</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="124"/>
        <source>full name</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="126"/>
        <source>New user&apos;s full name</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="133"/>
        <source>New user&apos;s role</source>
        <comment>@label:listbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="142"/>
        <source>password (8 characters or more)</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="143"/>
        <source>New user&apos;s password</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="151"/>
        <source>repeat password</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="152"/>
        <source>Repeat the new user&apos;s password</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="156"/>
        <source>Add user</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="166"/>
        <source>Change my password</source>
        <comment>@title:group</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="172"/>
        <location filename="../qml/UsersDialog.qml" line="173"/>
        <source>Current password</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="174"/>
        <location filename="../qml/UsersDialog.qml" line="175"/>
        <location filename="../qml/UsersDialog.qml" line="214"/>
        <source>New password</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="176"/>
        <source>Repeat</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="177"/>
        <location filename="../qml/UsersDialog.qml" line="215"/>
        <source>Repeat the new password</source>
        <comment>@label:textbox</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="180"/>
        <source>Change password</source>
        <comment>@action:button</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="204"/>
        <source>Set the password of %1</source>
        <comment>@title:window</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="214"/>
        <source>new password</source>
        <comment>@info:placeholder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="215"/>
        <source>repeat</source>
        <comment>@info:placeholder</comment>
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
        <location filename="../src/ui/main.cpp" line="81"/>
        <source>Order and inventory management.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="85"/>
        <source>Database: a file, sqlite:PATH or postgresql://user@host:port/db.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="94"/>
        <source>Render a view to a PNG file and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="97"/>
        <source>The view to open: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="100"/>
        <source>Window size, e.g. 1400x900.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="104"/>
        <source>With --screenshot: wait this long after the data arrived (live changes show up meanwhile).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="110"/>
        <source>Start the inventory view with this search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="114"/>
        <source>Open this document in its view: SO-…, PO-…, TR-… or SC-….</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="124"/>
        <source>Open a dialog at start: connection; signin (the sign-in window); users; settings; help (the shortcuts); pack, ship, return, receive or track (the first order shown), import (a carrier file), import-orders (a shop&apos;s order export), sku-aliases, new-order; with --view receiving or transfers: new, receive (the first one that can be); with --view counts: start; with --view inventory: new-product, product (the editor of --product), import (products and stock from a file), locations; with --view orders or inventory: export; with --view channels: feed-settings (of the first channel); with --view dashboard: replenish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="138"/>
        <source>Open this product (a SKU) in the inventory or forecast view; with --dialog new-order, the order&apos;s lines as SKU:QTY,SKU:QTY.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="144"/>
        <source>With --view forecast: the tab to show: forecast, atp or whatif.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="148"/>
        <source>With --view forecast: the location (its code) instead of all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="152"/>
        <source>Choose this product or stock file for the inventory view&apos;s import and preview it (with --dialog import, for screenshots); with --dialog import-orders, this order export for the orders view&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="164"/>
        <source>unknown view &quot;%1&quot;; use one of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="172"/>
        <source>--size takes WIDTHxHEIGHT, e.g. 1400x900.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="338"/>
        <source>--tab takes forecast, atp or whatif.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="260"/>
        <location filename="../src/ui/main.cpp" line="360"/>
        <source>the interface failed to load.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="90"/>
        <source>Language of the interface (en, de, fr, es); not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="118"/>
        <source>With --screenshot: sign in as this user with the password in $STOCKROOM_PASSWORD (a database without users needs none).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="265"/>
        <source>the interface has no window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="208"/>
        <source>cannot write the screenshot %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="386"/>
        <source>the data did not arrive within 30 s.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stockroomctl</name>
    <message>
        <location filename="../src/cli/clisupport.cpp" line="43"/>
        <location filename="../src/cli/commands.cpp" line="694"/>
        <location filename="../src/cli/commands.cpp" line="900"/>
        <source>stockroomctl: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/clisupport.cpp" line="90"/>
        <source>--%1 must be a whole number from %2 to %3, not &quot;%4&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="109"/>
        <source>Database %1 is ready (schema version %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="124"/>
        <source>--seed must be a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="137"/>
        <source>--end-date must be a date like 2026-11-26.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="149"/>
        <source><byte value="xd"/>demo: day %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="188"/>
        <source>Demo data: %1 products at %2 locations, %3 orders (%4 lines; %5 shipped, %6 backordered at placement, %7 cancelled), %8 receipts in %9 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="213"/>
        <source>receive needs --sku, --location and --qty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="60"/>
        <source>%1 at %2: %3 on hand, %4 reserved, %5 available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/clisupport.cpp" line="114"/>
        <source>--%1 takes an amount like 12.50 (a dot, at most two decimals), not &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="75"/>
        <source>--weight takes kilograms like 0.9 or 12.345 (a dot, at most three decimals), not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/clisupport.cpp" line="137"/>
        <source>--%1 takes %2, not &quot;%3&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/clisupport.cpp" line="54"/>
        <source>stockroomctl: warning: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="161"/>
        <source><byte value="xd"/>demo: %1 of %2 archived orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="202"/>
        <source>Archived orders before them: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="227"/>
        <source>adjust needs --sku, --location, --delta and --reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="241"/>
        <source>place-order needs at least one --line SKU:QTY.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="248"/>
        <source>--line takes SKU:QTY, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="316"/>
        <source>%1 %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="321"/>
        <source>%1 from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="324"/>
        <source>%1 backordered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="340"/>
        <source>cancel-order takes one order number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="349"/>
        <location filename="../src/cli/commands.cpp" line="386"/>
        <location filename="../src/cli/commands.cpp" line="736"/>
        <location filename="../src/cli/commands.cpp" line="747"/>
        <source>%1 is %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="358"/>
        <source>ship-order takes one order number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="388"/>
        <source>  shipment %1 from %2: %3 units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="425"/>
        <location filename="../src/cli/exportcommands.cpp" line="148"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1020"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1037"/>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="426"/>
        <location filename="../src/cli/exportcommands.cpp" line="149"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1288"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1345"/>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="427"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1289"/>
        <source>On hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="428"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1290"/>
        <source>Reserved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="429"/>
        <source>Available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="430"/>
        <source>On order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="431"/>
        <source>In transit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="456"/>
        <source>All invariants hold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="470"/>
        <location filename="../src/cli/commands.cpp" line="532"/>
        <source>There is no order %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="476"/>
        <source>Order %1 has not shipped yet: ship it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="487"/>
        <source>label takes one order number and --out FILE.pdf, --zpl FILE.zpl or both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="513"/>
        <source>Label for %1 written to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="516"/>
        <source>ZPL label for %1 (%2 dpi) written to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="527"/>
        <source>packing-slip takes one order number and --out FILE.pdf.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="557"/>
        <source>Packing slip for %1 written to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="572"/>
        <source>--after takes a change sequence number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="603"/>
        <source>stockroomctl: watch: %1 (retrying)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="622"/>
        <source>Removed %1 change log rows older than %2 days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="633"/>
        <source>pay takes one order number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="639"/>
        <source>pay takes one of --authorize, --void and --refund.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="642"/>
        <source>--amount is what is paid; a refund takes its amount as --refund AMOUNT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="645"/>
        <source>--note goes with --refund.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="674"/>
        <location filename="../src/cli/commands.cpp" line="1150"/>
        <source>%1: payment %2 (%3 paid, %4 refunded, total %5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="718"/>
        <source>hold takes one or more order numbers and --reason TEXT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="724"/>
        <source>%1 is on hold: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="731"/>
        <source>unhold takes one or more order numbers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="742"/>
        <source>release takes one or more order numbers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="757"/>
        <source>pick-list takes --location CODE and --out FILE.pdf.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="767"/>
        <source>--paper takes a4 or letter, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="787"/>
        <source>Pick list for %1 written to %2 (lines: %3, units: %4, orders: %5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="800"/>
        <source>pack takes one order number and --scan BARCODE (repeat for more).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="830"/>
        <source>%1 is %2: all %3 units packed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="833"/>
        <source>%1 is %2: %3 of %4 units packed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="842"/>
        <source>%1/%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="867"/>
        <source>track validate takes one tracking number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="883"/>
        <source>%1: %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="891"/>
        <source>%1: no known carrier&apos;s format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="894"/>
        <source>%1 has no format we know; check it with the carrier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="907"/>
        <source>track add takes one tracking number and --status STATUS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="925"/>
        <source>%1: this event is recorded already; %2 is %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="929"/>
        <source>%1 is %2; %3 is %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="940"/>
        <source>track import takes one CSV file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="965"/>
        <source>no shipment has tracking number &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/commands.cpp" line="983"/>
        <location filename="../src/cli/inventorycommands.cpp" line="265"/>
        <source>%1: %n problem(s); nothing was imported.</source>
        <translation>
            <numerusform>%1: %n problem; nothing was imported.</numerusform>
            <numerusform>%1: %n problems; nothing was imported.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="996"/>
        <source>%1: events %2, added %3, duplicates %4, state kept %5 (older or out of sequence), orders delivered %6.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1022"/>
        <source>track takes add NUMBER --status S, import FILE or validate NUMBER.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1049"/>
        <source>%1 for %2 is %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1052"/>
        <source>Reason: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1056"/>
        <source>  %1 × %2: %3 restocked, %4 written off, %5 open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1065"/>
        <source>  %1 restocked units went to waiting backorders.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1074"/>
        <source>return create takes one order number and --line SKU:QTY (repeat for more).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1097"/>
        <source>return receive takes one return number and --restock SKU:QTY@LOCATION or --writeoff SKU:QTY:REASON (repeat for more).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1105"/>
        <source>--restock takes SKU:QTY@LOCATION, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1117"/>
        <source>--writeoff takes SKU:QTY:REASON (%1), not &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1135"/>
        <source>return refund takes one return number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1175"/>
        <source>return cancel takes one return number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1184"/>
        <source>return show takes one return number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1286"/>
        <source>%1 is %2; payment %3 (%4 paid, %5 refunded, total %6).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1290"/>
        <source>Channel %1%2; customer %3; region %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1293"/>
        <location filename="../src/cli/commands.cpp" line="1294"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1296"/>
        <source>Placed %1; version %2, last changed by %3 at %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1302"/>
        <source>On hold: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1305"/>
        <source>Routing: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1308"/>
        <source>Rules: %1; ships from %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1309"/>
        <location filename="../src/cli/commands.cpp" line="1433"/>
        <source>pays later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1309"/>
        <location filename="../src/cli/commands.cpp" line="1433"/>
        <source>pays first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1310"/>
        <location filename="../src/cli/commands.cpp" line="1434"/>
        <source>any location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1314"/>
        <source>Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1318"/>
        <source>  %1. %2 × %3 %4 at %5: %6 shipped, %7 backordered, %8 cancelled, %9 returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1329"/>
        <source>Allocations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1331"/>
        <source>  %1 × %2 at %3, %4 packed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1339"/>
        <source>Shipments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1344"/>
        <source>  %1 from %2: %3 units, %4%5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1363"/>
        <source>Returns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1372"/>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1383"/>
        <source>order takes one order number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1442"/>
        <source>channel takes one channel name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1451"/>
        <source>There is no channel &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1809"/>
        <source>Sign in as this user (default: $STOCKROOM_USER; on a database without users, who is acting, default $USER).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1813"/>
        <source>Read the password from the first line of this file (else $STOCKROOM_PASSWORD, or a prompt on a terminal).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1409"/>
        <source>--pay-later takes yes or no, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1191"/>
        <source>return takes create ORDER, receive RMA, refund RMA, cancel RMA or show RMA.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1456"/>
        <source>Channel %1: %2; ships from %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1463"/>
        <source>customer takes one customer name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1477"/>
        <source>There is no customer &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1484"/>
        <source>Customer %1: %2; ships from %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1494"/>
        <source>bin takes --sku SKU, --location CODE and --bin CODE (empty to clear).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1504"/>
        <source>%1 at %2 has no bin now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1506"/>
        <source>%1 at %2 is in bin %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1516"/>
        <source>Create or upgrade the database schema.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1517"/>
        <source>Fill an empty database with deterministic demo data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1519"/>
        <source>Random seed (default 42).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1520"/>
        <source>Number of products (default 40).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1522"/>
        <source>Number of locations (default 3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1524"/>
        <source>Days of order history (default 730).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1526"/>
        <source>Last day of the history (default yesterday).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1529"/>
        <source>Also add N archived (delivered) orders before the history, e.g. 1000000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1533"/>
        <source>Book a receipt of stock.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1535"/>
        <location filename="../src/cli/commands.cpp" line="1543"/>
        <location filename="../src/cli/commands.cpp" line="1689"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1378"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1418"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1502"/>
        <location filename="../src/cli/planningcommands.cpp" line="379"/>
        <source>Product SKU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1536"/>
        <location filename="../src/cli/commands.cpp" line="1544"/>
        <location filename="../src/cli/commands.cpp" line="1615"/>
        <location filename="../src/cli/commands.cpp" line="1690"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1404"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1419"/>
        <source>Location code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1537"/>
        <source>Units received.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1538"/>
        <source>Free text for the ledger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1541"/>
        <source>Correct stock on hand, with a reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1545"/>
        <source>Units to add (positive) or take off (negative).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1547"/>
        <source>Why (kept in the ledger).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1551"/>
        <source>Place an order: reserve, route, backorder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1553"/>
        <source>An order line; repeat for more lines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1555"/>
        <source>Sales channel (default manual).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1557"/>
        <source>The channel&apos;s order id (imports once only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1559"/>
        <source>Customer name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1561"/>
        <source>Ship-to postcode: among locations of equal priority, the nearest ships.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1563"/>
        <source>The customer&apos;s e-mail address (new customers).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1565"/>
        <source>Ship-to region, breaks ties between locations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1567"/>
        <source>Payment state (default pending).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1571"/>
        <source>Cancel an open order and release its stock.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1574"/>
        <location filename="../src/cli/commands.cpp" line="1585"/>
        <location filename="../src/cli/commands.cpp" line="1599"/>
        <source>Refuse if the order is no longer at this version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1577"/>
        <source>Ship what is allocated to an order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1579"/>
        <source>Carrier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1580"/>
        <source>Carrier service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1581"/>
        <source>Tracking number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1582"/>
        <source>Parcel weight in kilograms (e.g. 0.9).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1588"/>
        <source>Take the payment of an order, or authorize, void or refund it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1591"/>
        <source>The amount paid, e.g. 12.50 (default: the total).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1592"/>
        <source>Only authorize the payment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1593"/>
        <source>Void a pending or authorized payment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1594"/>
        <source>Refund this amount of a paid order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1596"/>
        <source>Why (kept in the order&apos;s history; with --refund).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1602"/>
        <source>Put orders on hold, keeping their reservations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1604"/>
        <source>Why (e.g. &quot;address check&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1608"/>
        <source>Take orders off hold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1610"/>
        <source>Release paid (or pay-later) orders for picking.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1613"/>
        <source>Write the pick list of a location as PDF.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1668"/>
        <source>Show or set a sales channel&apos;s rules; set NAME or list: its stock feed&apos;s settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1678"/>
        <source>Show or set a customer&apos;s rules (pay later, ships only from).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1680"/>
        <source>Whether their orders may ship before payment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1683"/>
        <source>The only locations their orders ship from, comma-separated (&quot;&quot; for any).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1695"/>
        <source>Show on hand, reserved and available per product and location.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1697"/>
        <source>Only this SKU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1698"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1503"/>
        <source>Only this location.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1699"/>
        <source>Print CSV.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1703"/>
        <source>Verify every invariant of the ledger; exit 0 only when all hold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1616"/>
        <location filename="../src/cli/commands.cpp" line="1709"/>
        <location filename="../src/cli/commands.cpp" line="1719"/>
        <source>The PDF file to write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1617"/>
        <source>a4 or letter (default: by locale).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1622"/>
        <source>Pack an order by scanning its items (without --scan: the progress).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1624"/>
        <source>A scanned SKU or GTIN; repeat for more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1629"/>
        <source>Show an order in full: lines, allocations, shipments, returns, history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1634"/>
        <source>Tracking: add NUMBER --status S, import FILE.csv, validate NUMBER.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1636"/>
        <source>add: the parcel&apos;s state or the carrier&apos;s words.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1639"/>
        <source>add: when (ISO 8601; UTC without an offset; default now).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1641"/>
        <source>add: where.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1642"/>
        <source>add: the carrier&apos;s description.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1650"/>
        <source>Returns: create ORDER, receive RMA, refund RMA, show RMA.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1652"/>
        <source>create: a returned line; repeat for more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1654"/>
        <source>create: why the customer sends it back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1657"/>
        <source>receive: units back on a shelf; repeat for more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1660"/>
        <source>receive: units written off (damaged, expired, lost); repeat for more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1663"/>
        <source>refund: the amount (default: the lines at the prices paid).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1670"/>
        <source>Whether its orders may ship before payment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1673"/>
        <source>The only locations it ships from, comma-separated (&quot;&quot; for any).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1687"/>
        <source>Set the bin a product is picked from at a location.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1691"/>
        <source>The bin, e.g. A-03 (empty to clear).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1707"/>
        <source>Write the 4×6 inch shipping label of a shipped order as PDF and/or ZPL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1710"/>
        <source>The ZPL file to write (thermal label printers).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1712"/>
        <source>The label printer&apos;s resolution (default 203).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1717"/>
        <source>Write the packing slip of an order as PDF (A4 or Letter by locale).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1722"/>
        <source>Print every committed change as one JSON line as it arrives.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1724"/>
        <source>Exit after N changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1725"/>
        <source>Start after this change number (default: now).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1728"/>
        <source>SQLite: how often to look for commits (default 25).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1732"/>
        <source>Delete old change log rows (desktops that were away longer reload).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1734"/>
        <source>Keep this many days (default 30).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1752"/>
        <source>Usage: stockroomctl [--db CONN] COMMAND [options]

Commands:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1757"/>
        <source>Same as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1760"/>
        <source>
CONN: a file path, sqlite:PATH or postgresql://user[:password]@host[:port]/dbname.
Exit codes: 0 done, 1 refused, 2 usage error, 3 database error.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1793"/>
        <source>stockroomctl: unknown command &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1803"/>
        <source>Database: a file, sqlite:PATH or postgresql://user@host:port/db (default: stockroom.db in the data folder; or $STOCKROOM_DB).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1806"/>
        <source>Print the result as JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/clisupport.cpp" line="63"/>
        <source>%1 does not take --%2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="29"/>
        <source>%1 takes one %2 number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="41"/>
        <location filename="../src/cli/inventorycommands.cpp" line="36"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1030"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1055"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1056"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1057"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1058"/>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="52"/>
        <source>export takes one of orders, stock, ledger or products, and --out FILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="56"/>
        <source>export needs --out FILE (- for standard output).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="62"/>
        <source>--since goes with export orders and export ledger; %1 are exported as they are now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="68"/>
        <source>--since: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="75"/>
        <source>--json goes with --out FILE: with --out - the CSV is the output.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="81"/>
        <source>Cannot write to standard output: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/exportcommands.cpp" line="96"/>
        <source>Exported %1: %n row(s) to %2.</source>
        <translation>
            <numerusform>Exported %1: %n row to %2.</numerusform>
            <numerusform>Exported %1: %n rows to %2.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="112"/>
        <source>--%1 takes csv or shopify-inventory, not &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="150"/>
        <source>Last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="151"/>
        <source>Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="156"/>
        <source>(total)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="163"/>
        <source>no feed was written yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="164"/>
        <source>since the last feed (%1 by %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/exportcommands.cpp" line="165"/>
        <source>Feed of %1 (%2): %n number(s) of %3 SKU(s) would change, %4. Dry run: nothing was written.</source>
        <translation>
            <numerusform>Feed of %1 (%2): %n number of %3 SKU(s) would change, %4. Dry run: nothing was written.</numerusform>
            <numerusform>Feed of %1 (%2): %n numbers of %3 SKU(s) would change, %4. Dry run: nothing was written.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="178"/>
        <source>feed takes --channel C and --out FILE (or --dry-run), no other arguments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="182"/>
        <source>feed needs --channel C.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="190"/>
        <source>feed needs --out FILE (or --dry-run to see what would change).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="193"/>
        <source>feed writes a file, which it replaces only once the feed is complete and recorded: give --out FILE, not -.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="208"/>
        <source>Feed of %1 (%2) written to %3: %4 rows, %5 SKUs; %6 numbers of %7 SKUs changed since the last feed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="230"/>
        <source>--%1 takes a whole number, not &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="252"/>
        <source>every active location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="259"/>
        <source>channel set takes one channel name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="263"/>
        <source>--%1 goes with channel NAME (its fulfilment rules), not with channel set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="281"/>
        <source>Channel %1: feed as %2 from %3, holding back %4 units and %5 %.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="292"/>
        <source>channel list takes no other arguments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="296"/>
        <source>channel list does not take --%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="311"/>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="312"/>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="313"/>
        <source>Buffer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="314"/>
        <source>Locations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="315"/>
        <source>Last feed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="316"/>
        <source>Changed SKUs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="325"/>
        <source>all active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="329"/>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="342"/>
        <source>set: units the feed holds back of every number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="345"/>
        <source>set: percent (rounded up) the feed holds back of every number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="348"/>
        <source>set: the locations the feed reports, comma-separated (&quot;&quot; for every active one).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="350"/>
        <source>set: csv or shopify-inventory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="364"/>
        <source>--%1 goes with channel set NAME.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="373"/>
        <source>Write orders, stock, ledger or products as CSV: export KIND --out FILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="375"/>
        <source>The CSV file to write (- for standard output).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="378"/>
        <source>orders: placed or updated since; ledger: movements since (UTC).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="383"/>
        <source>Write a channel&apos;s stock feed (available to sell) in the platform&apos;s format.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="385"/>
        <source>The sales channel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="387"/>
        <source>csv or shopify-inventory (default: the channel&apos;s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="389"/>
        <source>The file to write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="391"/>
        <source>Show what would change since the last feed, write nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="78"/>
        <source>--line takes SKU:QTY[:COST], not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="118"/>
        <source>  barcode %1; cost %2 (average %3); price %4; %5 g; %6.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="122"/>
        <location filename="../src/cli/usercommands.cpp" line="115"/>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="122"/>
        <source>inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="156"/>
        <source>A product is --active or --inactive, not both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="179"/>
        <source>product add takes --sku SKU and --name NAME.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="186"/>
        <source>Added %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="195"/>
        <source>product update takes --sku SKU and the options to change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="201"/>
        <source>Updated %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="212"/>
        <source>product import takes one file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="220"/>
        <source>--format takes auto, stockroom, stockroom-stock, shopify-products or shopify-inventory, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="233"/>
        <source>--map takes &quot;NAME IN THE FILE=CODE&quot;, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="259"/>
        <source>Give the location for rows without one with --location CODE, and say which of ours a location of the file is with --map &quot;NAME=CODE&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="287"/>
        <source>%1 (%2): %3 rows; products %4 created, %5 updated, %6 unchanged; %7 stock levels set, %8 units in, %9 units out; %10 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="300"/>
        <source>Dry run: nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="302"/>
        <source>Ledger reference: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="321"/>
        <source>product takes add, update or import FILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="382"/>
        <source>  %1, priority %2; postcode %3, region %4; address %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="396"/>
        <source>location add takes --code CODE and --name NAME.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="403"/>
        <source>Added location %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="409"/>
        <source>location update takes --code CODE and the options to change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="414"/>
        <source>Updated location %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="417"/>
        <source>location takes add or update.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="428"/>
        <source>stock-settings takes --sku SKU, --location CODE and --bin, --reorder-point or --reorder-qty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="474"/>
        <source>no bin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="474"/>
        <source>bin %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="477"/>
        <source>reorder point %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="480"/>
        <source>reorder quantity %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="482"/>
        <source>%1 at %2: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="505"/>
        <source>supplier add takes --name NAME.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="514"/>
        <source>Added supplier %1 (%2; lead time %3 days).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="535"/>
        <source>%1 (%2; lead time %3 days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="542"/>
        <source>supplier takes add or list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="584"/>
        <source>%1 from %2 for %3 is %4; expected %5; version %6.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="588"/>
        <source>Created by %1 at %2; ordered %3; closed %4; last changed by %5 at %6.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="593"/>
        <location filename="../src/cli/inventorycommands.cpp" line="755"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1010"/>
        <source>Note: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="598"/>
        <source>, %1 over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="600"/>
        <source>, %1 short</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="602"/>
        <source>  %1. %2 %3: %4 ordered, %5 received%6, at %7</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="620"/>
        <location filename="../src/cli/inventorycommands.cpp" line="785"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1075"/>
        <source>%1 is %2 (version %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="640"/>
        <source>po create takes --supplier NAME, --location CODE and --line SKU:QTY[:COST] (repeat for more).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/inventorycommands.cpp" line="659"/>
        <source>%1 is a draft: %n line(s), %2 units from %3 for %4.</source>
        <translation>
            <numerusform>%1 is a draft: %n line, %2 units from %3 for %4.</numerusform>
            <numerusform>%1 is a draft: %n lines, %2 units from %3 for %4.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="671"/>
        <location filename="../src/cli/inventorycommands.cpp" line="684"/>
        <location filename="../src/cli/inventorycommands.cpp" line="695"/>
        <source>purchase order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="674"/>
        <source>po receive takes --line SKU:QTY (repeat for more).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="701"/>
        <source>po takes create, order PO, receive PO, close PO, cancel PO or show PO.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="743"/>
        <source>%1 from %2 to %3 is %4; version %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="747"/>
        <source>Created by %1 at %2; requested %3; shipped %4; received %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="330"/>
        <location filename="../src/cli/inventorycommands.cpp" line="751"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1005"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1007"/>
        <source>%1 by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="760"/>
        <source>, %1 missing, %2 written off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="765"/>
        <source>  %1. %2 %3: %4 on the transfer, %5 shipped, %6 received%7, %8 in transit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="814"/>
        <source>--missing takes SKU:QTY:REASON, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="840"/>
        <source>transfer create takes --from CODE, --to CODE and --line SKU:QTY (repeat for more).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/inventorycommands.cpp" line="851"/>
        <source>%1 is a draft: %n line(s), %2 units from %3 to %4.</source>
        <translation>
            <numerusform>%1 is a draft: %n line, %2 units from %3 to %4.</numerusform>
            <numerusform>%1 is a draft: %n lines, %2 units from %3 to %4.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="864"/>
        <location filename="../src/cli/inventorycommands.cpp" line="878"/>
        <location filename="../src/cli/inventorycommands.cpp" line="905"/>
        <source>transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="868"/>
        <source>transfer receive takes --line SKU:QTY or --missing SKU:QTY:REASON (repeat for more).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="911"/>
        <source>transfer takes create, request TR, ship TR, receive TR, approve-missing TR, reject-missing TR, cancel TR or show TR.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="996"/>
        <source>%1 at %2 is %3: %4 count (%5)%6; version %7.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="998"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1115"/>
        <source>, blind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1001"/>
        <source>Started by %1 at %2; submitted %3; decided %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1013"/>
        <source>Decision: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1016"/>
        <source>Blind count: expected quantities are hidden while counting (--manager shows them).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1021"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1038"/>
        <source>Bin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1022"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1041"/>
        <source>Counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1033"/>
        <source>%1 of %2 lines counted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1039"/>
        <source>Expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1040"/>
        <source>Book</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1042"/>
        <source>Variance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1043"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1349"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1062"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1361"/>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1084"/>
        <source>count start takes --location CODE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1092"/>
        <source>--abc takes A, B or C, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/inventorycommands.cpp" line="1113"/>
        <source>%1: %n line(s) to count at %2 (%3)%4.</source>
        <translation>
            <numerusform>%1: %n line to count at %2 (%3)%4.</numerusform>
            <numerusform>%1: %n lines to count at %2 (%3)%4.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1122"/>
        <source> (expected %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1132"/>
        <source>count record takes a count number, --sku SKU (or a GTIN) and --qty N.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1149"/>
        <source>%1: %2 counted %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1172"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1177"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1202"/>
        <source>count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1205"/>
        <source>count reject takes --note TEXT: why the count is rejected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1214"/>
        <source>count takes start, record SC, submit SC, approve SC, reject SC, reopen SC or show SC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1224"/>
        <source>ledger takes --sku SKU [--location CODE] [--limit N] [--before ID].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1232"/>
        <source>--before takes a ledger row id, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1281"/>
        <source>Ledger of %1 %2%3, newest first:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1283"/>
        <source> at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1286"/>
        <location filename="../src/cli/planningcommands.cpp" line="116"/>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1287"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1291"/>
        <location filename="../src/cli/planningcommands.cpp" line="122"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1292"/>
        <source>Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1293"/>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1294"/>
        <source>After</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1295"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1310"/>
        <source>More: --before %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1318"/>
        <source>valuation takes no arguments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1343"/>
        <source>Stock value at moving-average cost:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1346"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1347"/>
        <source>Products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1348"/>
        <source>Units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1374"/>
        <source>Refuse if the document is no longer at this version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1376"/>
        <source>Products: add, update, import FILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1379"/>
        <source>Product name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1380"/>
        <source>Barcode (GTIN-8, -12, -13 or -14).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1382"/>
        <source>Unit cost, e.g. 12.50.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1384"/>
        <source>Selling price, e.g. 19.99.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1386"/>
        <source>Weight in grams.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1387"/>
        <source>No longer sold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1388"/>
        <source>update: sold again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1390"/>
        <source>import: auto (default), stockroom, stockroom-stock, shopify-products or shopify-inventory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1393"/>
        <source>import: where rows without a location are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1396"/>
        <source>import: a location name in the file and our code; repeat for more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1399"/>
        <source>import: report what would change, change nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1402"/>
        <source>Locations: add, update.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1405"/>
        <source>Location name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1406"/>
        <source>warehouse (default), store or third_party.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1409"/>
        <source>Routing priority (lower ships first; default 100).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1410"/>
        <source>Postcode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1411"/>
        <source>Region.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1412"/>
        <source>Address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1416"/>
        <source>Set a product&apos;s bin, reorder point and reorder quantity at a location.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1420"/>
        <source>Home bin (empty to clear).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1422"/>
        <source>Reorder when available falls to this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1424"/>
        <source>How many to reorder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1428"/>
        <source>Suppliers: add, list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1430"/>
        <source>Supplier name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1431"/>
        <source>Supplier e-mail address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1434"/>
        <source>Days from order to delivery (default 7).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1438"/>
        <source>Purchase orders: create, order PO, receive PO, close PO, cancel PO, show PO.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1440"/>
        <source>create: the supplier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1442"/>
        <source>create: where the goods arrive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1444"/>
        <source>create: expected delivery date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1446"/>
        <source>create, receive: free text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1449"/>
        <source>create: SKU:QTY[:COST]; receive: SKU:QTY (SKU or GTIN); repeat for more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1455"/>
        <source>Transfers: create, request TR, ship TR, receive TR, approve-missing TR, reject-missing TR, cancel TR, show TR.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1459"/>
        <source>create: the source location.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1461"/>
        <source>create: the destination.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1463"/>
        <source>create: units to send; receive: units arrived; repeat for more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1465"/>
        <source>receive: units that did not arrive, and why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1467"/>
        <source>create: free text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1472"/>
        <source>Stock counts: start, record SC, submit SC, approve SC, reject SC, reopen SC, show SC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1474"/>
        <source>start: the location counted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1476"/>
        <source>start: a cycle count of a subset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1477"/>
        <source>start: bins starting with this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1480"/>
        <source>start: ABC class by cost of goods shipped (90 days).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1483"/>
        <source>start: products not counted there for N days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1485"/>
        <source>start: exactly these SKUs (repeat); record: the SKU or GTIN counted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1488"/>
        <source>start: counters see the expected quantities (default: blind).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1489"/>
        <source>record: the quantity counted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1491"/>
        <source>record: add to what was counted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1492"/>
        <source>start, approve, reject: why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1495"/>
        <source>show: expected quantities of a blind open count.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1500"/>
        <source>A product&apos;s stock movements, newest first, with on hand after each.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1505"/>
        <source>Rows per page (default 50).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1507"/>
        <source>Rows older than this id (the next page).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1512"/>
        <source>Stock value per location at moving-average cost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="33"/>
        <source>import orders takes one file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="41"/>
        <source>--format takes auto, shopify, woocommerce, amazon, ebay, etsy or stockroom, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="88"/>
        <source>%1 (%2): %3 rows; %4 units reserved, %5 backordered; %6 line(s) skipped (nothing to send); %7 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="99"/>
        <source>  line %1: %2%3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="103"/>
        <source>Unknown SKUs: %1. Map each to one of ours: stockroomctl alias set &quot;THEIRS&quot; OURS --channel %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="117"/>
        <source>import takes orders FILE (products and stock: product import FILE).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="145"/>
        <source>No SKU aliases.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="148"/>
        <source>%1 → %2 (%3), %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="149"/>
        <location filename="../src/cli/importcommands.cpp" line="170"/>
        <source>every channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="158"/>
        <source>alias set takes THEIR-SKU-OR-NAME OUR-SKU [--channel C].</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/importcommands.cpp" line="168"/>
        <source>%1 is now %2 (%3); %n waiting order line(s) resolved.</source>
        <translation>
            <numerusform>%1 is now %2 (%3); %n waiting order line resolved.</numerusform>
            <numerusform>%1 is now %2 (%3); %n waiting order lines resolved.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="177"/>
        <source>alias remove takes THEIR-SKU-OR-NAME [--channel C].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="181"/>
        <source>Alias %1 removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="205"/>
        <source>No order line waits for a SKU mapping.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="208"/>
        <source>%1 (%2 %3) line %4: %5 × %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="222"/>
        <source>alias drop takes ORDER LINE (a line waiting for a SKU mapping).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="228"/>
        <source>Line %1 dropped from %2; the order is %3 now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="233"/>
        <source>alias takes list, set THEIRS OURS, remove THEIRS, waiting [ORDER] or drop ORDER LINE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="244"/>
        <source>Import orders FILE from a shop platform (Shopify, WooCommerce, Amazon, eBay, Etsy, ours).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="247"/>
        <source>auto (default), shopify, woocommerce, amazon, ebay, etsy or stockroom.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="250"/>
        <source>The channel the orders belong to (default: the platform&apos;s name).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="252"/>
        <source>Report what would happen; change nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="256"/>
        <source>SKU aliases: list, set THEIRS OURS, remove THEIRS, waiting [ORDER], drop ORDER LINE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="258"/>
        <source>The channel the alias is for (default: every channel).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="33"/>
        <source>--input FILE.csv names the series to forecast (columns series_id,period,value).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/forecastcommands.cpp" line="40"/>
        <source>%1: %n problem(s); nothing was forecast.</source>
        <translation>
            <numerusform>%1: %n problem; nothing was forecast.</numerusform>
            <numerusform>%1: %n problems; nothing was forecast.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="56"/>
        <source>--%1: &quot;%2&quot; is not a method; known: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="83"/>
        <source>--frequency takes day, week or month, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="150"/>
        <location filename="../src/cli/planningcommands.cpp" line="314"/>
        <source>all locations</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/forecastcommands.cpp" line="151"/>
        <source>%1 at %2: %n period(s) of history (%3, %4 stockout), method %5</source>
        <translation>
            <numerusform>%1 at %2: %n period of history (%3, %4 stockout), method %5</numerusform>
            <numerusform>%1 at %2: %n periods of history (%3, %4 stockout), method %5</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/forecastcommands.cpp" line="158"/>
        <source>Backtest over %n origin(s): MASE %1, sMAPE %2 %, bias %3</source>
        <translation>
            <numerusform>Backtest over %n origin: MASE %1, sMAPE %2 %, bias %3</numerusform>
            <numerusform>Backtest over %n origins: MASE %1, sMAPE %2 %, bias %3</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="165"/>
        <source>period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="166"/>
        <source>mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="167"/>
        <source>80 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="168"/>
        <source>95 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="188"/>
        <source>forecast takes either --input FILE.csv or --sku S, not both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="193"/>
        <source>forecast needs --input FILE.csv (series_id,period,value) or --sku S.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="197"/>
        <source>forecast needs --horizon H, the number of periods ahead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="203"/>
        <source>forecast needs --out FILE.csv (- for standard output).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="220"/>
        <source>Cannot write to standard output.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="228"/>
        <location filename="../src/cli/forecastcommands.cpp" line="381"/>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/forecastcommands.cpp" line="249"/>
        <source>Forecast %n series (%1, season %2) %3 period(s) ahead in %4 s (reading %5 s) to %6.</source>
        <translation>
            <numerusform>Forecast %n series (%1, season %2) %3 period(s) ahead in %4 s (reading %5 s) to %6.</numerusform>
            <numerusform>Forecast %n series (%1, season %2) %3 period(s) ahead in %4 s (reading %5 s) to %6.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="287"/>
        <source>backtest needs --horizon H, the number of periods ahead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="303"/>
        <source>--methods: &quot;%1&quot; is not a method; known: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/forecastcommands.cpp" line="310"/>
        <source>%n series, horizon %1, %2 origin(s) %3 period(s) apart, MASE lag %4</source>
        <translation>
            <numerusform>%n series, horizon %1, %2 origin(s) %3 period(s) apart, MASE lag %4</numerusform>
            <numerusform>%n series, horizon %1, %2 origin(s) %3 period(s) apart, MASE lag %4</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="318"/>
        <source>method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="319"/>
        <source>MASE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="320"/>
        <source>median</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="321"/>
        <source>sMAPE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="322"/>
        <source>bias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="323"/>
        <source>seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="392"/>
        <source>Series file: series_id,period,value (period: number or ISO date).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="394"/>
        <source>Periods ahead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="396"/>
        <source>Periods per seasonal cycle (default from the dates: 7, 52, 12 or 4; else 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="398"/>
        <source>Threads (default: one per core).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="409"/>
        <source>Forecast demand series: forecast --input FILE.csv --horizon H --out FILE.csv.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="414"/>
        <source>auto (default), ets, naive, snaive, ses, holt, holt_damped, croston, sba, tsb, an ETS model such as ETS(M,Ad,A), …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="419"/>
        <source>Where to write series_id,step,mean,lo80,hi80,lo95,hi95,method (- for standard output).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="423"/>
        <source>Forecast this product&apos;s demand from the database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="424"/>
        <source>With --sku: one location (default: all).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="426"/>
        <source>With --sku: day, week (default) or month.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="429"/>
        <source>With --sku: periods of history to learn from (default 104 weeks).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="436"/>
        <source>Rolling-origin accuracy of forecasting methods: MASE, sMAPE and bias per method.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="440"/>
        <source>Comma-separated methods (default: all families).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="441"/>
        <source>Forecast origins per series (default 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="443"/>
        <source>Periods between origins (default: the horizon).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="446"/>
        <source>Also write each series&apos; scores per method to this CSV file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="449"/>
        <source>Lag of the seasonal naive error that scales MASE (default: the season).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="26"/>
        <source>--service-level takes a share like 0.95 or a percentage like 95 (over 50, under 100), not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="102"/>
        <source>Nothing to replenish: every product is above its reorder point.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="107"/>
        <source>No supplier known yet (accept with --supplier NAME):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="109"/>
        <source>%1 (lead time %2 days), %3:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="117"/>
        <source>Projected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="118"/>
        <source>ROP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="119"/>
        <source>Up to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="120"/>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="121"/>
        <source>Cover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="138"/>
        <source>Transfers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="153"/>
        <source>replenish takes options only (see --help), not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="167"/>
        <source>--supplier goes with --accept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="216"/>
        <source>%1 (draft) from %2 for %3, expected %4: %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="226"/>
        <source>%1 (draft) from %2 to %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="255"/>
        <source>atp takes options only (see --help), not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="259"/>
        <source>atp needs --sku.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="312"/>
        <source>Available to promise of %1 at %2 from %3:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="331"/>
        <source>  %1 units owed to backorders are not covered within %2 weeks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="338"/>
        <source>  After forecast demand (%1) on %2: %3 (80 %: %4 to %5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="358"/>
        <source>Replenishment suggestions (purchases per supplier, transfers); --accept makes drafts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="360"/>
        <source>Only this location&apos;s suggestions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="363"/>
        <source>Create drafts of these suggestions (ids as listed, comma-separated or repeated; all for every one).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="367"/>
        <source>With --accept: the supplier for products never ordered before.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="369"/>
        <source>Days between orders (default 7).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="372"/>
        <source>Target cycle service level, e.g. 0.95 or 95 (default 95 %).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="377"/>
        <source>Available to promise of a product over the coming weeks; --qty: the earliest promise.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="380"/>
        <source>One location (default: all).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="383"/>
        <source>When can this many be promised, and from where (exit 1: not within the weeks).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="386"/>
        <source>Horizon in weeks (default 8).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="389"/>
        <source>Also subtract the forecast demand (80 % band).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="35"/>
        <source>Backed up %1 to %2 (schema version %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="56"/>
        <source>Today&apos;s backup written: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="57"/>
        <source>Today&apos;s backup was already there: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="60"/>
        <source>Deleted the old backup %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="69"/>
        <source>backup takes either --out FILE or --daily.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="72"/>
        <source>Making a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="80"/>
        <source>restore needs --from FILE: a backup that stockroomctl backup wrote.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="88"/>
        <source>The database was not changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="99"/>
        <source>%1 is a Stockroom backup (schema version %2, %3 products, %4 orders). Restoring it replaces everything in %5 (a copy of it as it is now is kept first). Nothing was changed: run again with --yes to restore.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="111"/>
        <source>Restoring a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="117"/>
        <source>restored from %1 (before: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="129"/>
        <source>Restored %1 from %2 (%3 products, %4 orders).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="135"/>
        <source>The backup had schema version %1 and was brought up to version %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="140"/>
        <source>The database as it was before is in %1: restore that file to undo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="152"/>
        <source>Back up the SQLite database while it is in use: --out FILE, or --daily with rotation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="154"/>
        <source>Write a backup to this file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="157"/>
        <source>Write today&apos;s stockroom-YYYY-MM-DD.db unless it exists, then delete the oldest beyond --keep (for cron).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="160"/>
        <source>With --daily: daily backups to keep (default 7).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="162"/>
        <source>With --daily: the folder (default: backups beside the database).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="167"/>
        <source>Replace the SQLite database by a backup; keeps a copy of it first (--yes to confirm).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="169"/>
        <source>The backup to restore.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="170"/>
        <source>Restore (without it: check the file only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/pgcommands.cpp" line="16"/>
        <source>pg-grant is for PostgreSQL databases; a SQLite file has no roles.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/pgcommands.cpp" line="27"/>
        <source>The role %1 has its privileges on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/pgcommands.cpp" line="31"/>
        <source>The role %1 does not exist and %2 may not create it: ask a superuser to run CREATE ROLE %1 NOLOGIN, then run pg-grant again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/pgcommands.cpp" line="45"/>
        <source>PostgreSQL: give the desktops&apos; role %1 its privileges again (run as the database owner).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="45"/>
        <source>--%1: cannot read %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="63"/>
        <source>New password: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="66"/>
        <source>Give the new password with --new-password-file FILE or $STOCKROOM_NEW_PASSWORD (or type it on a terminal).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="69"/>
        <source>Again: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="70"/>
        <source>The two passwords differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="79"/>
        <source>A role is clerk, manager or admin, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="115"/>
        <source>disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="122"/>
        <source>user add|role|enable|disable|password NAME …, or user list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="139"/>
        <source>User %1 added as %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="148"/>
        <source>%1 is now %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="154"/>
        <source>%1 may sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="154"/>
        <source>%1 can no longer sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="167"/>
        <source>Current password: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="171"/>
        <source>The password of %1 is changed; desktops that stayed signed in must sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="177"/>
        <source>Unknown user action &quot;%1&quot;: add, list, role, enable, disable or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="186"/>
        <source>This database has no users yet: nobody signs in (add one with &quot;user add NAME --role admin&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="198"/>
        <source>login needs the password in --password-file or $STOCKROOM_PASSWORD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="221"/>
        <source>Reading the audit trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="233"/>
        <source>--%1 takes a date like 2026-11-27, not &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="295"/>
        <source>This database has users: sign in with --user NAME (or $STOCKROOM_USER) and the password in --password-file, $STOCKROOM_PASSWORD or typed; or $STOCKROOM_TOKEN from &quot;stockroomctl login&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="308"/>
        <source>Password for %1: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="312"/>
        <source>No password for %1: give it in --password-file, $STOCKROOM_PASSWORD or on a terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="324"/>
        <source>Users: add NAME --role R, list, role NAME R, enable/disable NAME, password NAME.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="326"/>
        <source>clerk, manager or admin (default clerk).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="328"/>
        <source>The user&apos;s full name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="332"/>
        <source>Read the new password from this file (else $STOCKROOM_NEW_PASSWORD or a prompt).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="337"/>
        <source>Sign in once and print a token for scripts ($STOCKROOM_TOKEN, 30 days).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="340"/>
        <source>Revoke the token in $STOCKROOM_TOKEN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="342"/>
        <source>Who did what and when, newest first, with before/after of edits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="344"/>
        <source>Only this user&apos;s actions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="347"/>
        <source>Only this kind: order, stock, product, location, count, transfer, user, …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="349"/>
        <source>Key or summary contains this text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="351"/>
        <source>From this day (UTC).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="352"/>
        <source>Up to and including this day (UTC).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="354"/>
        <source>At most N lines (default 100).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="357"/>
        <source>Only the audit log (edits, approvals, users, sign-ins), not every change.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
