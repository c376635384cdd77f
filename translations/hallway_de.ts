<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
  <context>
    <name>Hallway::AnnouncementBar</name>
    <message>
      <source>Dismiss</source>
      <translation>Schließen</translation>
    </message>
    <message>
      <source>Dismiss the announcement</source>
      <translation>Ankündigung schließen</translation>
    </message>
    <message>
      <source>&lt;b&gt;Announcement&lt;/b&gt; from %1 at %2: %3</source>
      <translation>&lt;b&gt;Ankündigung&lt;/b&gt; von %1 um %2: %3</translation>
    </message>
  </context>
  <context>
    <name>Hallway::AuditLogModel</name>
    <message>
      <source>%1  %2</source>
      <translation>%1  %2</translation>
    </message>
    <message>
      <source>The server's command line</source>
      <translation>Die Kommandozeile des Servers</translation>
    </message>
    <message>
      <source>someone</source>
      <translation>jemanden</translation>
    </message>
    <message>
      <source>%1 made %2 a moderator</source>
      <translation>%1 hat %2 zur Moderation gemacht</translation>
    </message>
    <message>
      <source>%1 made %2 an attendee</source>
      <translation>%1 hat %2 zum Gast gemacht</translation>
    </message>
    <message>
      <source>%1 hid a fact by %2: "%3"</source>
      <translation>%1 hat einen Fakt von %2 ausgeblendet: „%3“</translation>
    </message>
    <message>
      <source>%1 brought back a fact by %2: "%3"</source>
      <translation>%1 hat einen Fakt von %2 wieder eingeblendet: „%3“</translation>
    </message>
    <message numerus="yes">
      <source>%1 muted %2 for %n minute(s)</source>
      <translation>
        <numerusform>%1 hat %2 für %n Minute stummgeschaltet</numerusform>
        <numerusform>%1 hat %2 für %n Minuten stummgeschaltet</numerusform>
      </translation>
    </message>
    <message>
      <source>%1 lifted the mute on %2</source>
      <translation>%1 hat die Stummschaltung von %2 aufgehoben</translation>
    </message>
    <message>
      <source>%1 banned %2</source>
      <translation>%1 hat %2 gesperrt</translation>
    </message>
    <message>
      <source>%1 lifted the ban on %2</source>
      <translation>%1 hat die Sperre von %2 aufgehoben</translation>
    </message>
    <message>
      <source>%1 announced: "%2"</source>
      <translation>%1 hat angekündigt: „%2“</translation>
    </message>
    <message>
      <source>%1 opened voting on lightning talks</source>
      <translation>%1 hat die Abstimmung über Lightning Talks geöffnet</translation>
    </message>
    <message>
      <source>%1 closed voting on lightning talks</source>
      <translation>%1 hat die Abstimmung über Lightning Talks geschlossen</translation>
    </message>
    <message>
      <source>%1 hid the talk "%2" by %3</source>
      <translation>%1 hat den Vortrag „%2“ von %3 ausgeblendet</translation>
    </message>
    <message>
      <source>%1 brought back the talk "%2" by %3</source>
      <translation>%1 hat den Vortrag „%2“ von %3 wieder eingeblendet</translation>
    </message>
    <message>
      <source>%1 created the hub "%2"</source>
      <translation>%1 hat den Hub „%2“ angelegt</translation>
    </message>
    <message>
      <source>%1 renamed the hub "%2" to "%3"</source>
      <translation>%1 hat den Hub „%2“ in „%3“ umbenannt</translation>
    </message>
    <message>
      <source>%1 deleted the hub "%2"</source>
      <translation>%1 hat den Hub „%2“ gelöscht</translation>
    </message>
    <message>
      <source>%1 added "%2" to the hub "%3"</source>
      <translation>%1 hat „%2“ zum Hub „%3“ hinzugefügt</translation>
    </message>
    <message>
      <source>%1 removed "%2" from the hub "%3"</source>
      <translation>%1 hat „%2“ aus dem Hub „%3“ entfernt</translation>
    </message>
    <message>
      <source>%1 moved "%2" in the hub "%3"</source>
      <translation>%1 hat „%2“ im Hub „%3“ verschoben</translation>
    </message>
    <message>
      <source>%1 changed "%2" in the hub "%3"</source>
      <translation>%1 hat „%2“ im Hub „%3“ geändert</translation>
    </message>
    <message>
      <source>%1 did %2 (%3)</source>
      <translation>%1 hat %2 ausgeführt (%3)</translation>
    </message>
  </context>
  <context>
    <name>Hallway::ChangePasswordDialog</name>
    <message>
      <source>Change password</source>
      <translation>Passwort ändern</translation>
    </message>
    <message>
      <source>&amp;Change password</source>
      <translation>Passwort ände&amp;rn</translation>
    </message>
    <message>
      <source>C&amp;urrent password:</source>
      <translation>&amp;Aktuelles Passwort:</translation>
    </message>
    <message>
      <source>&amp;New password:</source>
      <translation>&amp;Neues Passwort:</translation>
    </message>
    <message>
      <source>&amp;Repeat new password:</source>
      <translation>Neues Passwort &amp;wiederholen:</translation>
    </message>
    <message>
      <source>Your other devices will be signed out.</source>
      <translation>Deine anderen Geräte werden abgemeldet.</translation>
    </message>
    <message>
      <source>A password needs at least %1 characters.</source>
      <translation>Ein Passwort braucht mindestens %1 Zeichen.</translation>
    </message>
    <message>
      <source>The two new passwords differ.</source>
      <translation>Die beiden neuen Passwörter stimmen nicht überein.</translation>
    </message>
    <message>
      <source>The current password is wrong.</source>
      <translation>Das aktuelle Passwort ist falsch.</translation>
    </message>
    <message>
      <source>The password was not changed: %1</source>
      <translation>Das Passwort wurde nicht geändert: %1</translation>
    </message>
  </context>
  <context>
    <name>Hallway::ChatModel</name>
    <message>
      <source>Sending...</source>
      <translation>Wird gesendet …</translation>
    </message>
    <message>
      <source>Sent %1</source>
      <translation>Gesendet %1</translation>
    </message>
    <message>
      <source>Delivered, sent %1</source>
      <translation>Zugestellt, gesendet %1</translation>
    </message>
    <message>
      <source>Not sent: %1</source>
      <translation>Nicht gesendet: %1</translation>
    </message>
    <message>
      <source>%1, %2</source>
      <translation>%1, %2</translation>
    </message>
    <message>
      <source>%1, %2: %3</source>
      <translation>%1, %2: %3</translation>
    </message>
    <message>
      <source>You</source>
      <translation>Du</translation>
    </message>
    <message>
      <source>Today</source>
      <translation>Heute</translation>
    </message>
    <message>
      <source>Yesterday</source>
      <translation>Gestern</translation>
    </message>
    <message>
      <source>Read, sent %1</source>
      <translation>Gelesen, gesendet %1</translation>
    </message>
  </context>
  <context>
    <name>Hallway::ChatPanel</name>
    <message>
      <source>Conversations</source>
      <translation>Unterhaltungen</translation>
    </message>
    <message>
      <source>&lt;b&gt;%1&lt;/b&gt;</source>
      <translation>&lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
      <source>No conversations yet.

To start one, click someone in Who's online and choose Send a message.</source>
      <translation>Noch keine Unterhaltungen.

Um eine zu beginnen, klicke in „Wer ist da“ auf eine Person und wähle „Nachricht senden“.</translation>
    </message>
    <message>
      <source>Messages</source>
      <translation>Nachrichten</translation>
    </message>
    <message>
      <source>Message</source>
      <translation>Nachricht</translation>
    </message>
    <message>
      <source>Send</source>
      <translation>Senden</translation>
    </message>
    <message>
      <source>Send message</source>
      <translation>Nachricht senden</translation>
    </message>
    <message>
      <source>Message to %1</source>
      <translation>Nachricht an %1</translation>
    </message>
    <message>
      <source>Your messages will appear here.</source>
      <translation>Hier erscheinen deine Nachrichten.</translation>
    </message>
    <message>
      <source>Pick a conversation on the left to read it here.</source>
      <translation>Wähle links eine Unterhaltung, um sie hier zu lesen.</translation>
    </message>
    <message>
      <source>No messages with %1 yet.

Write the first one below.</source>
      <translation>Noch keine Nachrichten mit %1.

Schreib unten die erste.</translation>
    </message>
    <message>
      <source>Write a message...</source>
      <translation>Nachricht schreiben...</translation>
    </message>
    <message>
      <source>Enter sends; Shift+Enter starts a new line.</source>
      <translation>Enter sendet; Umschalt+Enter beginnt eine neue Zeile.</translation>
    </message>
  </context>
  <context>
    <name>Hallway::ColumnChart</name>
    <message>
      <source>No activity yet.</source>
      <translation>Noch keine Aktivität.</translation>
    </message>
    <message>
      <source>peak %1 a minute</source>
      <translation>Spitze %1 pro Minute</translation>
    </message>
  </context>
  <context>
    <name>Hallway::ConnectionBar</name>
    <message>
      <source>Connecting to %1...</source>
      <translation>Verbinde mit %1 …</translation>
    </message>
    <message numerus="yes">
      <source>Connection lost. Reconnecting in %n second(s)...</source>
      <translation>
        <numerusform>Verbindung verloren. Neuer Versuch in %n Sekunde …</numerusform>
        <numerusform>Verbindung verloren. Neuer Versuch in %n Sekunden …</numerusform>
      </translation>
    </message>
    <message>
      <source>Connection lost. Reconnecting to %1...</source>
      <translation>Verbindung verloren. Verbinde neu mit %1 …</translation>
    </message>
    <message>
      <source>Reconnect &amp;now</source>
      <translation>&amp;Jetzt neu verbinden</translation>
    </message>
    <message>
      <source>You are offline. Hallway reconnects as soon as the network is back.</source>
      <translation>Du bist offline. Hallway verbindet sich neu, sobald das Netz wieder da ist.</translation>
    </message>
    <message>
      <source>Sign &amp;in again</source>
      <translation>Wieder &amp;anmelden</translation>
    </message>
    <message>
      <source>A moderator has banned this account. Hallway will not reconnect.</source>
      <translation>Eine Moderatorin oder ein Moderator hat dieses Konto gesperrt. Hallway verbindet sich nicht neu.</translation>
    </message>
    <message>
      <source>Sign &amp;in as someone else</source>
      <translation>Als jemand &amp;anderes anmelden</translation>
    </message>
    <message>
      <source>Signed out.</source>
      <translation>Abgemeldet.</translation>
    </message>
    <message>
      <source>Sign &amp;in</source>
      <translation>&amp;Anmelden</translation>
    </message>
    <message numerus="yes">
      <source>%n change(s) will be sent when you are back.</source>
      <translation>
        <numerusform>%n Änderung wird gesendet, sobald du wieder verbunden bist.</numerusform>
        <numerusform>%n Änderungen werden gesendet, sobald du wieder verbunden bist.</numerusform>
      </translation>
    </message>
    <message>
      <source>Your session has ended: you signed out on another device, the password was changed, or the session expired.</source>
      <translation>Deine Sitzung ist beendet: Du hast dich auf einem anderen Gerät abgemeldet, das Passwort wurde geändert, oder die Sitzung ist abgelaufen.</translation>
    </message>
    <message>
      <source>Hallway cannot keep unsent changes on this computer (%1): keep it open until they are sent.</source>
      <translation>Hallway kann ungesendete Änderungen nicht auf diesem Computer sichern (%1): lass Hallway offen, bis sie gesendet sind.</translation>
    </message>
  </context>
  <context>
    <name>Hallway::ConversationDelegate</name>
    <message>
      <source>You: %1</source>
      <translation>Du: %1</translation>
    </message>
    <message>
      <source>99+</source>
      <comment>more than 99 unread messages</comment>
      <translation>99+</translation>
    </message>
  </context>
  <context>
    <name>Hallway::ConversationsModel</name>
    <message>
      <source>%1 (%2 unread)</source>
      <translation>%1 (%2 ungelesen)</translation>
    </message>
    <message>
      <source>%1 · %2</source>
      <translation>%1 · %2</translation>
    </message>
    <message>
      <source>Someone</source>
      <translation>Unbekannt</translation>
    </message>
  </context>
  <context>
    <name>Hallway::CredentialStore</name>
    <message>
      <source>No saved sign-in.</source>
      <translation>Keine gespeicherte Anmeldung.</translation>
    </message>
  </context>
  <context>
    <name>Hallway::DesktopNotifier</name>
    <message>
      <source>Hallway</source>
      <translation>Hallway</translation>
    </message>
  </context>
  <context>
    <name>Hallway::ErrorText</name>
    <message numerus="yes">
      <source>A moderator has muted you. You can post again in %n minute(s).</source>
      <translation>
        <numerusform>Die Moderation hat dich stummgeschaltet. Du kannst in %n Minute wieder schreiben.</numerusform>
        <numerusform>Die Moderation hat dich stummgeschaltet. Du kannst in %n Minuten wieder schreiben.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>You are going too fast. Try again in %n second(s).</source>
      <translation>
        <numerusform>Du bist zu schnell. Versuch es in %n Sekunde wieder.</numerusform>
        <numerusform>Du bist zu schnell. Versuch es in %n Sekunden wieder.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Hallway::FactComposer</name>
    <message>
      <source>New fact</source>
      <translation>Neuer Fakt</translation>
    </message>
    <message>
      <source>&amp;Post</source>
      <translation>T&amp;eilen</translation>
    </message>
    <message>
      <source>Your fact was not posted: %1</source>
      <translation>Dein Fakt wurde nicht geteilt: %1</translation>
    </message>
    <message>
      <source>%1/%2</source>
      <translation>%1/%2</translation>
    </message>
    <message>
      <source>A fact has at most %1 characters.</source>
      <translation>Ein Fakt hat höchstens %1 Zeichen.</translation>
    </message>
    <message>
      <source>A fact about you, e.g. "I give talks about Qt"</source>
      <translation>Ein Fakt über dich, z. B. "Ich spreche über Qt"</translation>
    </message>
  </context>
  <context>
    <name>Hallway::FactDelegate</name>
    <message>
      <source>Sending... (goes out when connected)</source>
      <translation>Wird gesendet … (geht raus, sobald verbunden)</translation>
    </message>
    <message>
      <source>just now</source>
      <translation>gerade eben</translation>
    </message>
    <message numerus="yes">
      <source>%n min ago</source>
      <translation>
        <numerusform>vor %n Min.</numerusform>
        <numerusform>vor %n Min.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n h ago</source>
      <translation>
        <numerusform>vor %n Std.</numerusform>
        <numerusform>vor %n Std.</numerusform>
      </translation>
    </message>
    <message>
      <source>yesterday %1</source>
      <translation>gestern %1</translation>
    </message>
    <message>
      <source>You</source>
      <translation>Du</translation>
    </message>
  </context>
  <context>
    <name>Hallway::FactFeedModel</name>
    <message>
      <source>%1 (@%2), %3</source>
      <translation>%1 (@%2), %3</translation>
    </message>
    <message>
      <source>You: %1</source>
      <translation>Du: %1</translation>
    </message>
    <message>
      <source>%1: %2</source>
      <translation>%1: %2</translation>
    </message>
  </context>
  <context>
    <name>Hallway::FeedPanel</name>
    <message>
      <source>&lt;b&gt;Latest from everyone&lt;/b&gt;</source>
      <translation>&lt;b&gt;Neues von allen&lt;/b&gt;</translation>
    </message>
    <message>
      <source>Latest facts from everyone</source>
      <translation>Die neuesten Fakten von allen</translation>
    </message>
    <message>
      <source>No facts yet. Be the first: share something about yourself above.</source>
      <translation>Noch keine Fakten. Mach den Anfang: Teile oben etwas über dich.</translation>
    </message>
    <message>
      <source>Go to the newest facts</source>
      <translation>Zu den neuesten Fakten springen</translation>
    </message>
    <message>
      <source>Undo</source>
      <translation>Rückgängig</translation>
    </message>
    <message>
      <source>Undo: bring the fact back</source>
      <translation>Rückgängig: Fakt wieder einblenden</translation>
    </message>
    <message>
      <source>Dismiss this notice</source>
      <translation>Diesen Hinweis schließen</translation>
    </message>
    <message>
      <source>Dismiss</source>
      <translation>Schließen</translation>
    </message>
    <message>
      <source>Hallway cannot use this computer's keychain, so it cannot remember your sign-in. You stay signed in until you quit, and will be asked for your password next time.</source>
      <translation>Hallway kann den Schlüsselbund dieses Computers nicht nutzen und sich deine Anmeldung daher nicht merken. Du bleibst angemeldet, bis du Hallway beendest, und wirst beim nächsten Mal nach deinem Passwort gefragt.</translation>
    </message>
    <message>
      <source>&lt;h3&gt;Welcome, %1&lt;/h3&gt;Everyone who is here right now is listed on the left; click a name to see what they shared.</source>
      <translation>&lt;h3&gt;Willkommen, %1&lt;/h3&gt;Alle, die gerade da sind, stehen links; klicke auf einen Namen, um zu sehen, was die Person geteilt hat.</translation>
    </message>
    <message>
      <source>&amp;Hide this fact from everyone...</source>
      <translation>Diesen Fakt für alle aus&amp;blenden …</translation>
    </message>
    <message>
      <source>Hide this fact</source>
      <translation>Fakt ausblenden</translation>
    </message>
    <message>
      <source>Hide this fact by %1 from everyone?

"%2"</source>
      <translation>Diesen Fakt von %1 für alle ausblenden?

„%2“</translation>
    </message>
    <message>
      <source>Its author is told. You can bring it back from the notice that follows, or later from the moderation log.</source>
      <translation>Wer ihn geteilt hat, wird benachrichtigt. Du kannst ihn über den folgenden Hinweis wieder einblenden oder später über das Moderationsprotokoll.</translation>
    </message>
    <message>
      <source>Hide</source>
      <translation>Ausblenden</translation>
    </message>
    <message>
      <source>The fact could not be hidden: %1</source>
      <translation>Der Fakt konnte nicht ausgeblendet werden: %1</translation>
    </message>
    <message>
      <source>The fact could not be brought back: %1</source>
      <translation>Der Fakt konnte nicht wieder eingeblendet werden: %1</translation>
    </message>
    <message>
      <source>Fact hidden from everyone.</source>
      <translation>Fakt für alle ausgeblendet.</translation>
    </message>
    <message>
      <source>The fact is back.</source>
      <translation>Der Fakt ist wieder da.</translation>
    </message>
    <message>
      <source>A moderator hid your fact "%1".</source>
      <translation>Eine Moderatorin oder ein Moderator hat deinen Fakt „%1“ ausgeblendet.</translation>
    </message>
    <message>
      <source>A moderator brought back your fact "%1".</source>
      <translation>Eine Moderatorin oder ein Moderator hat deinen Fakt „%1“ wieder eingeblendet.</translation>
    </message>
    <message numerus="yes">
      <source>↑ %n new fact(s)</source>
      <translation>
        <numerusform>↑ %n neuer Fakt</numerusform>
        <numerusform>↑ %n neue Fakten</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Hallway::HallwayApp</name>
    <message>
      <source>Cannot host a room</source>
      <translation>Raum kann nicht bereitgestellt werden</translation>
    </message>
    <message>
      <source>Hallway could not start a room on this computer:
%1</source>
      <translation>Hallway konnte auf diesem Computer keinen Raum starten:
%1</translation>
    </message>
    <message>
      <source>Unverified server</source>
      <translation>Nicht überprüfter Server</translation>
    </message>
    <message>
      <source>Hallway cannot verify that %1 is who it claims to be.</source>
      <translation>Hallway kann nicht überprüfen, ob %1 wirklich der ist, der er zu sein vorgibt.</translation>
    </message>
    <message>
      <source>&lt;p&gt;Its certificate's SHA-256 fingerprint is:&lt;/p&gt;&lt;p&gt;&lt;tt&gt;%1&lt;/tt&gt;&lt;/p&gt;&lt;p&gt;Trust it only if it matches the fingerprint the organisers published. Hallway will remember it for this server and warn you if it ever changes.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Der SHA-256-Fingerabdruck seines Zertifikats lautet:&lt;/p&gt;&lt;p&gt;&lt;tt&gt;%1&lt;/tt&gt;&lt;/p&gt;&lt;p&gt;Vertraue ihm nur, wenn er mit dem Fingerabdruck übereinstimmt, den die Veranstalter veröffentlicht haben. Hallway merkt ihn sich für diesen Server und warnt dich, falls er sich je ändert.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&amp;Trust this certificate</source>
      <translation>Diesem Zertifikat &amp;vertrauen</translation>
    </message>
    <message>
      <source>The server's certificate has changed</source>
      <translation>Das Zertifikat des Servers hat sich geändert</translation>
    </message>
    <message>
      <source>&lt;b&gt;Warning: the certificate of %1 is not the one you trusted.&lt;/b&gt;</source>
      <translation>&lt;b&gt;Achtung: Das Zertifikat von %1 ist nicht das, dem du vertraut hast.&lt;/b&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Someone may be intercepting the connection, or the organisers replaced the certificate. Hallway did not connect and sent nothing.&lt;/p&gt;&lt;p&gt;Trusted:&lt;br&gt;&lt;tt&gt;%1&lt;/tt&gt;&lt;/p&gt;&lt;p&gt;Presented now:&lt;br&gt;&lt;tt&gt;%2&lt;/tt&gt;&lt;/p&gt;&lt;p&gt;Only trust the new one if the organisers confirm its fingerprint.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Jemand könnte die Verbindung abfangen, oder die Veranstalter haben das Zertifikat ersetzt. Hallway hat sich nicht verbunden und nichts gesendet.&lt;/p&gt;&lt;p&gt;Vertraut:&lt;br&gt;&lt;tt&gt;%1&lt;/tt&gt;&lt;/p&gt;&lt;p&gt;Jetzt vorgelegt:&lt;br&gt;&lt;tt&gt;%2&lt;/tt&gt;&lt;/p&gt;&lt;p&gt;Vertraue dem neuen nur, wenn die Veranstalter seinen Fingerabdruck bestätigen.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>Trust the &amp;new certificate</source>
      <translation>Dem &amp;neuen Zertifikat vertrauen</translation>
    </message>
    <message>
      <source>Invite link</source>
      <translation>Einladungslink</translation>
    </message>
    <message>
      <source>Hallway cannot open the link %1.</source>
      <translation>Hallway kann den Link %1 nicht öffnen.</translation>
    </message>
    <message>
      <source>Join another room?</source>
      <translation>Einen anderen Raum betreten?</translation>
    </message>
    <message>
      <source>You are in the room at %1. Leave it and join the room at %2?</source>
      <translation>Du bist im Raum unter %1. Ihn verlassen und den Raum unter %2 betreten?</translation>
    </message>
    <message>
      <source>&amp;Leave and join</source>
      <translation>&amp;Verlassen und betreten</translation>
    </message>
    <message>
      <source>&amp;Stay here</source>
      <translation>&amp;Hierbleiben</translation>
    </message>
  </context>
  <context>
    <name>Hallway::HallwayClient</name>
    <message>
      <source>Cannot reach %1: %2</source>
      <translation>%1 ist nicht erreichbar: %2</translation>
    </message>
    <message>
      <source>cannot make the folder %1</source>
      <translation>der Ordner %1 lässt sich nicht anlegen</translation>
    </message>
  </context>
  <context>
    <name>Hallway::HubPanel</name>
    <message>
      <source>Hub</source>
      <translation>Hub</translation>
    </message>
    <message>
      <source>&amp;New hub...</source>
      <translation>N&amp;euer Hub …</translation>
    </message>
    <message>
      <source>&amp;Rename...</source>
      <translation>Um&amp;benennen …</translation>
    </message>
    <message>
      <source>&amp;Delete hub</source>
      <translation>Hub &amp;löschen</translation>
    </message>
    <message>
      <source>Loading the hubs...</source>
      <translation>Hubs werden geladen …</translation>
    </message>
    <message>
      <source>That did not work: %1</source>
      <translation>Das hat nicht geklappt: %1</translation>
    </message>
    <message>
      <source>New hub</source>
      <translation>Neuer Hub</translation>
    </message>
    <message>
      <source>Name of the new hub:</source>
      <translation>Name des neuen Hubs:</translation>
    </message>
    <message>
      <source>Rename hub</source>
      <translation>Hub umbenennen</translation>
    </message>
    <message>
      <source>New name:</source>
      <translation>Neuer Name:</translation>
    </message>
    <message>
      <source>Delete hub</source>
      <translation>Hub löschen</translation>
    </message>
    <message>
      <source>Delete the hub "%1" for everyone? Its widgets go with it.</source>
      <translation>Den Hub „%1“ für alle löschen? Seine Widgets verschwinden mit ihm.</translation>
    </message>
    <message>
      <source>That widget is gone; someone removed it meanwhile.</source>
      <translation>Dieses Widget gibt es nicht mehr; jemand hat es inzwischen entfernt.</translation>
    </message>
    <message>
      <source>Hu&amp;b:</source>
      <translation>Ange&amp;zeigter Hub:</translation>
    </message>
    <message>
      <source>&amp;Add widget...</source>
      <translation>Widget hinzu&amp;fügen …</translation>
    </message>
    <message>
      <source>Present on pro&amp;jector...</source>
      <translation>Am Pro&amp;jektor zeigen …</translation>
    </message>
    <message>
      <source>Show this hub full screen, in large type, on a screen of your choice</source>
      <translation>Diesen Hub im Vollbild und in großer Schrift auf einem Bildschirm deiner Wahl zeigen</translation>
    </message>
    <message>
      <source>The hub's widgets</source>
      <translation>Die Widgets des Hubs</translation>
    </message>
    <message>
      <source>This hub has no widgets yet. Add who's online, the latest facts, the talks or the room in numbers with "Add widget".</source>
      <translation>Dieser Hub hat noch keine Widgets. Mit „Widget hinzufügen“ kommen „Wer ist da“, die neuesten Fakten, die Vorträge oder der Raum in Zahlen dazu.</translation>
    </message>
    <message>
      <source>This hub has no widgets yet. They appear here as soon as a moderator adds them.</source>
      <translation>Dieser Hub hat noch keine Widgets. Sie erscheinen hier, sobald eine Moderatorin oder ein Moderator welche hinzufügt.</translation>
    </message>
    <message>
      <source>No hubs yet. A hub is a page for a room or a track: who's online, the latest facts, the talks and the room in numbers, side by side, live for everyone. Create one with "New hub".</source>
      <translation>Noch keine Hubs. Ein Hub ist eine Seite für einen Raum oder einen Track: wer da ist, die neuesten Fakten, die Vorträge und der Raum in Zahlen, nebeneinander und live für alle. Leg mit „Neuer Hub“ einen an.</translation>
    </message>
    <message>
      <source>No hubs yet. A hub is a page for a room or a track: who's online, the latest facts, the talks and the room in numbers, side by side. The moderators have not made one yet.</source>
      <translation>Noch keine Hubs. Ein Hub ist eine Seite für einen Raum oder einen Track: wer da ist, die neuesten Fakten, die Vorträge und der Raum in Zahlen, nebeneinander. Die Moderation hat noch keinen angelegt.</translation>
    </message>
    <message>
      <source>%1 (%2 x %3)</source>
      <translation>%1 (%2 x %3)</translation>
    </message>
    <message>
      <source>Present</source>
      <translation>Präsentieren</translation>
    </message>
    <message>
      <source>Show the hub full screen on:</source>
      <translation>Hub im Vollbild zeigen auf:</translation>
    </message>
  </context>
  <context>
    <name>Hallway::HubsModel</name>
    <message>
      <source>Who's online</source>
      <translation>Wer ist da</translation>
    </message>
    <message>
      <source>Latest facts</source>
      <translation>Neueste Fakten</translation>
    </message>
    <message>
      <source>Top lightning talks</source>
      <translation>Beliebteste Lightning Talks</translation>
    </message>
    <message>
      <source>The room in numbers</source>
      <translation>Der Raum in Zahlen</translation>
    </message>
    <message>
      <source>Announcements</source>
      <translation>Ankündigungen</translation>
    </message>
    <message>
      <source>One person's facts</source>
      <translation>Fakten einer Person</translation>
    </message>
  </context>
  <context>
    <name>Hallway::MainWindow</name>
    <message>
      <source>Hallway</source>
      <translation>Hallway</translation>
    </message>
    <message>
      <source>Who's online</source>
      <translation>Wer ist da</translation>
    </message>
    <message>
      <source>Appear &amp;away</source>
      <translation>&amp;Abwesend erscheinen</translation>
    </message>
    <message>
      <source>Ctrl+Shift+A</source>
      <translation>Ctrl+Shift+A</translation>
    </message>
    <message>
      <source>&amp;Change password...</source>
      <translation>Passwort ä&amp;ndern …</translation>
    </message>
    <message>
      <source>Password changed.</source>
      <translation>Passwort geändert.</translation>
    </message>
    <message>
      <source>Connect to another &amp;server...</source>
      <translation>Mit anderem &amp;Server verbinden …</translation>
    </message>
    <message>
      <source>Sign &amp;out</source>
      <translation>Ab&amp;melden</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>&amp;Beenden</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>&amp;Hilfe</translation>
    </message>
    <message>
      <source>&amp;About Hallway</source>
      <translation>Ü&amp;ber Hallway</translation>
    </message>
    <message>
      <source>About Hallway</source>
      <translation>Über Hallway</translation>
    </message>
    <message>
      <source>&lt;b&gt;Hallway %1&lt;/b&gt;&lt;p&gt;See who is around at your conference, share facts about yourself, chat, and vote on lightning talks.&lt;/p&gt;</source>
      <translation>&lt;b&gt;Hallway %1&lt;/b&gt;&lt;p&gt;Sieh, wer auf deiner Konferenz unterwegs ist, teile Fakten über dich, chatte und stimme über Lightning Talks ab.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>About &amp;Qt</source>
      <translation>Über &amp;Qt</translation>
    </message>
    <message>
      <source>Hosting a room at %1</source>
      <translation>Raum wird bereitgestellt unter %1</translation>
    </message>
    <message>
      <source>Hallway - %1</source>
      <translation>Hallway – %1</translation>
    </message>
    <message>
      <source>Signed out</source>
      <translation>Abgemeldet</translation>
    </message>
    <message>
      <source>Connecting to %1...</source>
      <translation>Verbinde mit %1 …</translation>
    </message>
    <message>
      <source>Online as %1 at %2</source>
      <translation>Angemeldet als %1 bei %2</translation>
    </message>
    <message>
      <source>&amp;Feed</source>
      <translation>&amp;Neuigkeiten</translation>
    </message>
    <message>
      <source>Lightning &amp;talks</source>
      <translation>Lightning &amp;Talks</translation>
    </message>
    <message>
      <source>&amp;Chat</source>
      <translation>&amp;Chat</translation>
    </message>
    <message>
      <source>&amp;Chat (%1)</source>
      <translation>&amp;Chat (%1)</translation>
    </message>
    <message>
      <source>Message from %1</source>
      <translation>Nachricht von %1</translation>
    </message>
    <message>
      <source>Desktop &amp;notifications</source>
      <translation>&amp;Desktop-Benachrichtigungen</translation>
    </message>
    <message>
      <source>Send a &amp;message</source>
      <translation>&amp;Nachricht senden</translation>
    </message>
    <message>
      <source>View &amp;profile</source>
      <translation>&amp;Profil ansehen</translation>
    </message>
    <message>
      <source>H&amp;ubs</source>
      <translation>H&amp;ubs</translation>
    </message>
    <message>
      <source>Announcement from %1</source>
      <translation>Ankündigung von %1</translation>
    </message>
    <message>
      <source>A moderator made you a moderator.</source>
      <translation>Du moderierst jetzt mit.</translation>
    </message>
    <message>
      <source>You are no longer a moderator.</source>
      <translation>Du moderierst nicht mehr.</translation>
    </message>
    <message>
      <source>Make an &amp;attendee</source>
      <translation>Zum &amp;Gast machen</translation>
    </message>
    <message>
      <source>Make a mo&amp;derator</source>
      <translation>Zur Mo&amp;deration machen</translation>
    </message>
    <message>
      <source>&amp;Mute</source>
      <translation>&amp;Stummschalten</translation>
    </message>
    <message numerus="yes">
      <source>For %n minute(s)</source>
      <translation>
        <numerusform>Für %n Minute</numerusform>
        <numerusform>Für %n Minuten</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>For %n hour(s)</source>
      <translation>
        <numerusform>Für %n Stunde</numerusform>
        <numerusform>Für %n Stunden</numerusform>
      </translation>
    </message>
    <message>
      <source>&amp;Lift the mute</source>
      <translation>Stummschaltung &amp;aufheben</translation>
    </message>
    <message>
      <source>&amp;Ban...</source>
      <translation>S&amp;perren …</translation>
    </message>
    <message>
      <source>Ban %1</source>
      <translation>%1 sperren</translation>
    </message>
    <message>
      <source>Ban %1? They are disconnected at once and cannot sign in until a moderator lifts the ban.</source>
      <translation>%1 sperren? Die Verbindung wird sofort getrennt, und eine Anmeldung ist erst wieder möglich, wenn die Moderation die Sperre aufhebt.</translation>
    </message>
    <message>
      <source>&amp;Moderation</source>
      <translation>&amp;Moderation</translation>
    </message>
    <message numerus="yes">
      <source>You are going a bit fast; it goes out in %n second(s).</source>
      <translation>
        <numerusform>Du bist etwas schnell; es geht in %n Sekunde raus.</numerusform>
        <numerusform>Du bist etwas schnell; es geht in %n Sekunden raus.</numerusform>
      </translation>
    </message>
    <message>
      <source>The server cannot save anything right now; what you write goes out by itself as soon as it can.</source>
      <translation>Der Server kann gerade nichts speichern; was du schreibst, geht von selbst raus, sobald er es kann.</translation>
    </message>
    <message>
      <source>About this &amp;room...</source>
      <translation>Über diesen &amp;Raum …</translation>
    </message>
    <message>
      <source>Not connected</source>
      <translation>Nicht verbunden</translation>
    </message>
    <message>
      <source>Sections of the room</source>
      <translation>Bereiche des Raums</translation>
    </message>
    <message>
      <source>&amp;View</source>
      <translation>&amp;Ansicht</translation>
    </message>
    <message>
      <source>&amp;Hubs</source>
      <translation>&amp;Hubs</translation>
    </message>
    <message>
      <source>Find a &amp;person</source>
      <translation>&amp;Person finden</translation>
    </message>
    <message>
      <source>Ctrl+K</source>
      <translation>Ctrl+K</translation>
    </message>
    <message>
      <source>High co&amp;ntrast</source>
      <translation>Hoher &amp;Kontrast</translation>
    </message>
    <message>
      <source>Hall&amp;way</source>
      <translation>Hall&amp;way</translation>
    </message>
    <message>
      <source>Copy &amp;invite link</source>
      <translation>&amp;Einladungslink kopieren</translation>
    </message>
    <message>
      <source>Invite link copied: %1</source>
      <translation>Einladungslink kopiert: %1</translation>
    </message>
    <message>
      <source>Leave and lose changes?</source>
      <translation>Gehen und Änderungen verlieren?</translation>
    </message>
    <message>
      <source>&amp;Leave anyway</source>
      <translation>Trotzdem &amp;gehen</translation>
    </message>
    <message>
      <source>&amp;Stay until they are sent</source>
      <translation>&amp;Bleiben, bis sie gesendet sind</translation>
    </message>
    <message numerus="yes">
      <source>%n unsent change(s) could not be kept on this computer (%1) and would be lost if you left now.</source>
      <translation>
        <numerusform>%n ungesendete Änderung ließ sich nicht auf diesem Computer sichern (%1) und ginge verloren, wenn du jetzt gehst.</numerusform>
        <numerusform>%n ungesendete Änderungen ließen sich nicht auf diesem Computer sichern (%1) und gingen verloren, wenn du jetzt gehst.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Hallway::MessageDelegate</name>
    <message>
      <source>New messages</source>
      <translation>Neue Nachrichten</translation>
    </message>
    <message>
      <source>Read</source>
      <translation>Gelesen</translation>
    </message>
  </context>
  <context>
    <name>Hallway::ModerationPanel</name>
    <message>
      <source>Announce to everyone</source>
      <translation>An alle ankündigen</translation>
    </message>
    <message>
      <source>e.g. The keynote starts in 10 minutes in room A</source>
      <translation>z. B. Die Keynote beginnt in 10 Minuten in Raum A</translation>
    </message>
    <message>
      <source>&amp;Announce</source>
      <translation>Ankün&amp;digen</translation>
    </message>
    <message>
      <source>Banned and muted</source>
      <translation>Gesperrt und stummgeschaltet</translation>
    </message>
    <message>
      <source>&amp;Lift</source>
      <translation>Aufhe&amp;ben</translation>
    </message>
    <message>
      <source>Audit log</source>
      <translation>Protokoll</translation>
    </message>
    <message>
      <source>Audit log, newest first</source>
      <translation>Protokoll, neueste zuerst</translation>
    </message>
    <message>
      <source>Announced to everyone.</source>
      <translation>An alle angekündigt.</translation>
    </message>
    <message>
      <source>The announcement did not go out: %1</source>
      <translation>Die Ankündigung wurde nicht verschickt: %1</translation>
    </message>
    <message>
      <source>That did not work: %1</source>
      <translation>Das hat nicht geklappt: %1</translation>
    </message>
    <message>
      <source>%1 may post again.</source>
      <translation>%1 darf wieder schreiben.</translation>
    </message>
    <message numerus="yes">
      <source>%1 is muted for %n minute(s).</source>
      <translation>
        <numerusform>%1 ist für %n Minute stummgeschaltet.</numerusform>
        <numerusform>%1 ist für %n Minuten stummgeschaltet.</numerusform>
      </translation>
    </message>
    <message>
      <source>%1 is banned.</source>
      <translation>%1 ist gesperrt.</translation>
    </message>
    <message>
      <source>%1 may sign in again.</source>
      <translation>%1 darf sich wieder anmelden.</translation>
    </message>
    <message>
      <source>%1 is now a moderator.</source>
      <translation>%1 moderiert jetzt mit.</translation>
    </message>
    <message>
      <source>%1 is now an attendee.</source>
      <translation>%1 ist jetzt Gast.</translation>
    </message>
    <message>
      <source>The fact is hidden from everyone.</source>
      <translation>Der Fakt ist für alle ausgeblendet.</translation>
    </message>
    <message>
      <source>The fact is back.</source>
      <translation>Der Fakt ist wieder da.</translation>
    </message>
    <message>
      <source>%1 (@%2): banned</source>
      <translation>%1 (@%2): gesperrt</translation>
    </message>
    <message>
      <source>%1 (@%2): muted until %3</source>
      <translation>%1 (@%2): stumm bis %3</translation>
    </message>
    <message>
      <source>&amp;Bring the fact back</source>
      <translation>Fakt &amp;wieder einblenden</translation>
    </message>
    <message>
      <source>&amp;Bring the talk back</source>
      <translation>Vortrag &amp;wieder einblenden</translation>
    </message>
    <message>
      <source>The talk is hidden from everyone.</source>
      <translation>Der Vortrag ist für alle ausgeblendet.</translation>
    </message>
    <message>
      <source>The talk is back.</source>
      <translation>Der Vortrag ist wieder da.</translation>
    </message>
    <message>
      <source>Announcement</source>
      <translation>Ankündigung</translation>
    </message>
    <message>
      <source>Banned and muted people</source>
      <translation>Gesperrte und stummgeschaltete Personen</translation>
    </message>
    <message>
      <source>&amp;Refresh</source>
      <translation>A&amp;ktualisieren</translation>
    </message>
  </context>
  <context>
    <name>Hallway::OnlinePanel</name>
    <message>
      <source>Find a person (Ctrl+K)</source>
      <translation>Person finden (Ctrl+K)</translation>
    </message>
    <message>
      <source>Find a person</source>
      <translation>Person finden</translation>
    </message>
    <message>
      <source>People online</source>
      <translation>Anwesende Personen</translation>
    </message>
    <message>
      <source>Not connected</source>
      <translation>Nicht verbunden</translation>
    </message>
    <message numerus="yes">
      <source>%n online</source>
      <translation>
        <numerusform>%n anwesend</numerusform>
        <numerusform>%n anwesend</numerusform>
      </translation>
    </message>
    <message>
      <source>%1, %2</source>
      <comment>people online, people away</comment>
      <translation>%1, %2</translation>
    </message>
    <message numerus="yes">
      <source>%n away</source>
      <translation>
        <numerusform>%n abwesend</numerusform>
        <numerusform>%n abwesend</numerusform>
      </translation>
    </message>
    <message>
      <source>Nobody called "%1" is here. Esc shows everyone.</source>
      <translation>Niemand namens „%1“ ist da. Esc zeigt alle.</translation>
    </message>
    <message>
      <source>Who is here shows once you are connected.</source>
      <translation>Wer da ist, siehst du, sobald du verbunden bist.</translation>
    </message>
    <message>
      <source>Nobody is here yet. People appear here as they sign in.</source>
      <translation>Noch ist niemand da. Personen erscheinen hier, sobald sie sich anmelden.</translation>
    </message>
  </context>
  <context>
    <name>Hallway::PresenceDelegate</name>
    <message>
      <source>%1 (you)</source>
      <translation>%1 (du)</translation>
    </message>
    <message>
      <source>%1 (you, away)</source>
      <translation>%1 (du, abwesend)</translation>
    </message>
    <message>
      <source>%1 (away)</source>
      <translation>%1 (abwesend)</translation>
    </message>
  </context>
  <context>
    <name>Hallway::PresenceModel</name>
    <message>
      <source>away</source>
      <translation>abwesend</translation>
    </message>
    <message>
      <source>online</source>
      <translation>anwesend</translation>
    </message>
    <message>
      <source>@%1 (%2)</source>
      <translation>@%1 (%2)</translation>
    </message>
    <message>
      <source>@%1 (%2), %3</source>
      <translation>@%1 (%2), %3</translation>
    </message>
    <message>
      <source>not known while disconnected</source>
      <translation>unbekannt, solange keine Verbindung besteht</translation>
    </message>
  </context>
  <context>
    <name>Hallway::PresenterView</name>
    <message>
      <source>Esc to leave</source>
      <translation>Esc zum Verlassen</translation>
    </message>
    <message>
      <source>Join at %1</source>
      <translation>Beitreten unter %1</translation>
    </message>
    <message>
      <source>This hub was deleted</source>
      <translation>Dieser Hub wurde gelöscht</translation>
    </message>
    <message>
      <source>%1 - Hallway presenter view</source>
      <translation>%1 – Hallway-Präsentationsansicht</translation>
    </message>
    <message>
      <source>Hallway presenter view</source>
      <translation>Hallway-Präsentationsansicht</translation>
    </message>
    <message>
      <source>A moderator deleted this hub. Press Esc to leave.</source>
      <translation>Eine Moderatorin oder ein Moderator hat diesen Hub gelöscht. Drück Esc zum Verlassen.</translation>
    </message>
    <message>
      <source>This hub has no widgets yet. They appear here as soon as a moderator adds them.</source>
      <translation>Dieser Hub hat noch keine Widgets. Sie erscheinen hier, sobald eine Moderatorin oder ein Moderator welche hinzufügt.</translation>
    </message>
  </context>
  <context>
    <name>Hallway::ProfilePanel</name>
    <message>
      <source>Close</source>
      <translation>Schließen</translation>
    </message>
    <message>
      <source>Close the profile (Esc)</source>
      <translation>Profil schließen (Esc)</translation>
    </message>
    <message>
      <source>No facts yet.</source>
      <translation>Noch keine Fakten.</translation>
    </message>
    <message>
      <source>Facts of this person</source>
      <translation>Fakten dieser Person</translation>
    </message>
    <message>
      <source>Could not load this profile: %1</source>
      <translation>Dieses Profil konnte nicht geladen werden: %1</translation>
    </message>
    <message>
      <source>moderator</source>
      <translation>Moderation</translation>
    </message>
    <message>
      <source>Not here right now</source>
      <translation>Gerade nicht da</translation>
    </message>
    <message>
      <source>Here, but away</source>
      <translation>Da, aber abwesend</translation>
    </message>
    <message>
      <source>Here now</source>
      <translation>Jetzt da</translation>
    </message>
    <message>
      <source>Send a message</source>
      <translation>Nachricht senden</translation>
    </message>
  </context>
  <context>
    <name>Hallway::RoomInfoDialog</name>
    <message>
      <source>About this room</source>
      <translation>Über diesen Raum</translation>
    </message>
    <message>
      <source>You are hosting this room on this computer, for this computer only. To let others join, host it again and choose to let others on the network join.</source>
      <translation>Du stellst diesen Raum auf diesem Computer nur für diesen Computer bereit. Damit andere beitreten können, stelle ihn erneut bereit und erlaube Beitritte aus dem Netzwerk.</translation>
    </message>
    <message>
      <source>&amp;Copy address</source>
      <translation>Adresse &amp;kopieren</translation>
    </message>
    <message>
      <source>Address:</source>
      <translation>Adresse:</translation>
    </message>
    <message>
      <source>Database:</source>
      <translation>Datenbank:</translation>
    </message>
    <message>
      <source>The first account created in this room is its moderator, and can make others moderators from their names in Who's online.</source>
      <translation>Das erste Konto in diesem Raum moderiert ihn und kann andere über ihre Namen in „Wer ist da“ zu Moderatoren machen.</translation>
    </message>
    <message>
      <source>Copied</source>
      <translation>Kopiert</translation>
    </message>
    <message>
      <source>Address of this room</source>
      <translation>Adresse dieses Raums</translation>
    </message>
    <message>
      <source>You are hosting this room on this computer. Send others the invite link: a click on it opens Hallway ready to join. Or they enter the address (Hallway &gt; Connect to another server...).</source>
      <translation>Du stellst diesen Raum auf diesem Computer bereit. Schicke anderen den Einladungslink: Ein Klick darauf öffnet Hallway, bereit zum Beitreten. Oder sie geben die Adresse ein (Hallway &gt; Mit anderem Server verbinden …).</translation>
    </message>
    <message>
      <source>Invite link:</source>
      <translation>Einladungslink:</translation>
    </message>
    <message>
      <source>Invite link to this room</source>
      <translation>Einladungslink zu diesem Raum</translation>
    </message>
    <message>
      <source>Copy &amp;invite link</source>
      <translation>&amp;Einladungslink kopieren</translation>
    </message>
  </context>
  <context>
    <name>Hallway::ServerConnection</name>
    <message>
      <source>The connection was closed.</source>
      <translation>Die Verbindung wurde geschlossen.</translation>
    </message>
    <message>
      <source>Not connected to the server.</source>
      <translation>Nicht mit dem Server verbunden.</translation>
    </message>
    <message>
      <source>The server did not answer in time.</source>
      <translation>Der Server hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
      <source>The connection was lost.</source>
      <translation>Die Verbindung ist abgebrochen.</translation>
    </message>
    <message>
      <source>A moderator has banned this account.</source>
      <translation>Die Moderation hat dieses Konto gesperrt.</translation>
    </message>
    <message>
      <source>The server's certificate is not trusted.</source>
      <translation>Dem Zertifikat des Servers wird nicht vertraut.</translation>
    </message>
    <message>
      <source>You were signed out: on another device, or because the password was changed.</source>
      <translation>Du wurdest abgemeldet: auf einem anderen Gerät, oder weil das Passwort geändert wurde.</translation>
    </message>
  </context>
  <context>
    <name>Hallway::SignInDialog</name>
    <message>
      <source>Sign in to Hallway</source>
      <translation>Bei Hallway anmelden</translation>
    </message>
    <message>
      <source>ws://hallway.example.org:8470</source>
      <translation>ws://hallway.example.org:8470</translation>
    </message>
    <message>
      <source>I am new here: &amp;create an account</source>
      <translation>Ich bin neu hier: &amp;Konto anlegen</translation>
    </message>
    <message>
      <source>How others see you</source>
      <translation>So sehen dich die anderen</translation>
    </message>
    <message>
      <source>Optional</source>
      <translation>Optional</translation>
    </message>
    <message>
      <source>&amp;Display name:</source>
      <translation>&amp;Anzeigename:</translation>
    </message>
    <message>
      <source>C&amp;ity:</source>
      <translation>S&amp;tadt:</translation>
    </message>
    <message>
      <source>Re&amp;gion:</source>
      <translation>Re&amp;gion:</translation>
    </message>
    <message>
      <source>&amp;Remember me on this computer</source>
      <translation>Auf diesem &amp;Computer angemeldet bleiben</translation>
    </message>
    <message>
      <source>&amp;Sign in</source>
      <translation>&amp;Anmelden</translation>
    </message>
    <message>
      <source>&amp;Username:</source>
      <translation>&amp;Benutzername:</translation>
    </message>
    <message>
      <source>&amp;Password:</source>
      <translation>&amp;Passwort:</translation>
    </message>
    <message>
      <source>Create a Hallway account</source>
      <translation>Hallway-Konto anlegen</translation>
    </message>
    <message>
      <source>Enter the server address, for example ws://hallway.example.org:8470.</source>
      <translation>Gib die Serveradresse ein, zum Beispiel ws://hallway.example.org:8470.</translation>
    </message>
    <message>
      <source>Enter your username.</source>
      <translation>Gib deinen Benutzernamen ein.</translation>
    </message>
    <message>
      <source>Enter your password.</source>
      <translation>Gib dein Passwort ein.</translation>
    </message>
    <message>
      <source>A username has %1 to %2 characters: letters a-z, digits, '.', '_' or '-'.</source>
      <translation>Ein Benutzername hat %1 bis %2 Zeichen: Buchstaben a–z, Ziffern, '.', '_' oder '-'.</translation>
    </message>
    <message>
      <source>A password needs at least %1 characters.</source>
      <translation>Ein Passwort braucht mindestens %1 Zeichen.</translation>
    </message>
    <message>
      <source>Enter the name others will see.</source>
      <translation>Gib den Namen ein, den die anderen sehen.</translation>
    </message>
    <message>
      <source>Wrong username or password.</source>
      <translation>Benutzername oder Passwort ist falsch.</translation>
    </message>
    <message>
      <source>That username is taken. Please choose another.</source>
      <translation>Dieser Benutzername ist vergeben. Bitte wähle einen anderen.</translation>
    </message>
    <message>
      <source>Cannot reach the server. Check the address and your network.
(%1)</source>
      <translation>Der Server ist nicht erreichbar. Prüfe die Adresse und dein Netzwerk.
(%1)</translation>
    </message>
    <message>
      <source>The server refused: %1</source>
      <translation>Der Server hat abgelehnt: %1</translation>
    </message>
    <message>
      <source>This computer has no keychain, so Hallway cannot remember your sign-in.</source>
      <translation>Dieser Computer hat keinen Schlüsselbund, daher kann sich Hallway deine Anmeldung nicht merken.</translation>
    </message>
    <message>
      <source>Ser&amp;ver:</source>
      <translation>Ser&amp;ver:</translation>
    </message>
    <message>
      <source>Create &amp;account</source>
      <translation>Konto an&amp;legen</translation>
    </message>
  </context>
  <context>
    <name>Hallway::Simulator</name>
    <message>
      <source>Signs in simulated attendees who come and go, post facts, chat, propose talks and vote, at about RATE actions per second in all, then stops by itself.</source>
      <translation>Meldet simulierte Gäste an, die kommen und gehen, Fakten posten, chatten, Vorträge einreichen und abstimmen, insgesamt etwa RATE Aktionen pro Sekunde, und hört von selbst auf.</translation>
    </message>
    <message>
      <source>The room, e.g. ws://127.0.0.1:8470 (required).</source>
      <translation>Der Raum, z. B. ws://127.0.0.1:8470 (Pflicht).</translation>
    </message>
    <message>
      <source>How many attendees, 1 to 5000 (default 20).</source>
      <translation>Wie viele Gäste, 1 bis 5000 (Standard 20).</translation>
    </message>
    <message>
      <source>Actions per second in all, up to 10000 (default 5).</source>
      <translation>Aktionen pro Sekunde insgesamt, bis 10000 (Standard 5).</translation>
    </message>
    <message>
      <source>Seconds to run, 1 to 86400 (default 60).</source>
      <translation>Laufzeit in Sekunden, 1 bis 86400 (Standard 60).</translation>
    </message>
    <message>
      <source>The attendees' password (default simulated-attendee).</source>
      <translation>Das Passwort der Gäste (Standard simulated-attendee).</translation>
    </message>
    <message>
      <source>Random seed, for a repeatable run.</source>
      <translation>Startwert des Zufalls, für einen wiederholbaren Lauf.</translation>
    </message>
    <message>
      <source>--server is required, e.g. --server ws://127.0.0.1:8470</source>
      <translation>--server fehlt, z. B. --server ws://127.0.0.1:8470</translation>
    </message>
    <message>
      <source>--server must be a ws:// or wss:// address, got "%1"</source>
      <translation>--server muss eine ws://- oder wss://-Adresse sein, nicht „%1“</translation>
    </message>
    <message>
      <source>--users must be a whole number from 1 to 5000</source>
      <translation>--users muss eine ganze Zahl von 1 bis 5000 sein</translation>
    </message>
    <message>
      <source>--rate must be a number above 0 and at most 10000</source>
      <translation>--rate muss eine Zahl über 0 und höchstens 10000 sein</translation>
    </message>
    <message>
      <source>--duration must be a whole number of seconds from 1 to 86400</source>
      <translation>--duration muss eine ganze Zahl von Sekunden von 1 bis 86400 sein</translation>
    </message>
    <message>
      <source>Simulating %1 attendees at about %2 actions/s for %3 s against %4</source>
      <translation>Simuliere %1 Gäste mit etwa %2 Aktionen/s für %3 s gegen %4</translation>
    </message>
    <message>
      <source>hallway-simulate: no attendee could sign in: %1</source>
      <translation>hallway-simulate: kein Gast konnte sich anmelden: %1</translation>
    </message>
    <message>
      <source>no answer within %1 s</source>
      <translation>keine Antwort innerhalb von %1 s</translation>
    </message>
    <message>
      <source>%1 s: %2/%3 online, %4 actions (facts %5, votes %6, messages %7, talks %8, presence %9, breaks %10), %11 stored, %12 rejected</source>
      <translation>%1 s: %2/%3 anwesend, %4 Aktionen (Fakten %5, Stimmen %6, Nachrichten %7, Vorträge %8, Anwesenheit %9, Pausen %10), %11 gespeichert, %12 abgelehnt</translation>
    </message>
    <message>
      <source>Summary</source>
      <translation>Zusammenfassung</translation>
    </message>
    <message>
      <source>facts</source>
      <translation>Fakten</translation>
    </message>
    <message>
      <source>votes</source>
      <translation>Stimmen</translation>
    </message>
    <message>
      <source>messages</source>
      <translation>Nachrichten</translation>
    </message>
    <message>
      <source>talks proposed</source>
      <translation>eingereichte Vorträge</translation>
    </message>
    <message>
      <source>  %1 %2</source>
      <translation>  %1 %2</translation>
    </message>
    <message>
      <source>presence changes</source>
      <translation>Anwesenheitswechsel</translation>
    </message>
    <message>
      <source>breaks taken</source>
      <translation>Pausen</translation>
    </message>
    <message>
      <source>rejected</source>
      <translation>abgelehnt</translation>
    </message>
    <message>
      <source>  %1 %2 actions/s over %3 s of activity (asked for %4)</source>
      <translation>  %1 %2 Aktionen/s in %3 s Aktivität (verlangt: %4)</translation>
    </message>
    <message>
      <source>rate</source>
      <translation>Rate</translation>
    </message>
    <message>
      <source>sign-in failures</source>
      <translation>fehlgeschlagene Anmeldungen</translation>
    </message>
    <message>
      <source>Username prefix: PREFIX-0001, PREFIX-0002... (default sim). Existing accounts sign in with --password; new ones are registered with it.</source>
      <translation>Präfix der Benutzernamen: PREFIX-0001, PREFIX-0002 … (Standard sim). Vorhandene Konten melden sich mit --password an, neue werden damit registriert.</translation>
    </message>
    <message>
      <source>Log every attendee's connection, sign-in, break and return.</source>
      <translation>Verbindung, Anmeldung, Pause und Rückkehr jedes Gastes protokollieren.</translation>
    </message>
    <message>
      <source>--prefix "%1" makes usernames such as "%2" that the server refuses: %3</source>
      <translation>--prefix „%1“ ergibt Benutzernamen wie „%2“, die der Server ablehnt: %3</translation>
    </message>
    <message>
      <source>--password: %1</source>
      <translation>--password: %1</translation>
    </message>
    <message>
      <source>the account exists with another password; pass its --password or choose another --prefix</source>
      <translation>das Konto existiert mit einem anderen Passwort; geben Sie dessen --password an oder wählen Sie ein anderes --prefix</translation>
    </message>
    <message>
      <source>hallway-simulate: %1 cannot sign in: %2</source>
      <translation>hallway-simulate: %1 kann sich nicht anmelden: %2</translation>
    </message>
    <message>
      <source>, %1 slowed down by the server</source>
      <translation>, %1 vom Server gebremst</translation>
    </message>
    <message>
      <source>  %1 %2 of %3 (%4 registered now)</source>
      <translation>  %1 %2 von %3 (%4 jetzt registriert)</translation>
    </message>
    <message>
      <source>attendees signed in</source>
      <translation>angemeldete Gäste</translation>
    </message>
    <message>
      <source>  %1 %2 sent, %3 stored, %4 rejected, %5 unanswered</source>
      <translation>  %1 %2 gesendet, %3 gespeichert, %4 abgelehnt, %5 unbeantwortet</translation>
    </message>
    <message>
      <source>  %1 %2 writes told to wait (rate_limited), %3 more not sent; the server's [abuse] settings allow each user only so many a minute</source>
      <translation>  %1 %2 Schreibvorgänge mussten warten (rate_limited), %3 weitere nicht gesendet; die [abuse]-Einstellungen des Servers erlauben jedem Benutzer nur eine bestimmte Anzahl pro Minute</translation>
    </message>
    <message>
      <source>slowed down</source>
      <translation>gebremst</translation>
    </message>
    <message>
      <source>  %1 %2: %3</source>
      <translation>  %1 %2: %3</translation>
    </message>
    <message>
      <source>could not come back</source>
      <translation>konnten nicht zurückkehren</translation>
    </message>
    <message>
      <source>no answer in time</source>
      <translation>keine Antwort in der Zeit</translation>
    </message>
  </context>
  <context>
    <name>Hallway::StartDialog</name>
    <message>
      <source>Welcome to Hallway</source>
      <translation>Willkommen bei Hallway</translation>
    </message>
    <message>
      <source>Host on this computer</source>
      <translation>Auf diesem Computer bereitstellen</translation>
    </message>
    <message>
      <source>Let other computers on this network join</source>
      <translation>Andere Computer in diesem Netzwerk beitreten lassen</translation>
    </message>
    <message>
      <source>&amp;Host a room</source>
      <translation>&amp;Raum bereitstellen</translation>
    </message>
    <message>
      <source>&amp;Port:</source>
      <translation>&amp;Port:</translation>
    </message>
    <message>
      <source>Join a server</source>
      <translation>Einem Server beitreten</translation>
    </message>
    <message>
      <source>ws://hallway.example.org:8470</source>
      <translation>ws://hallway.example.org:8470</translation>
    </message>
    <message>
      <source>&amp;Join</source>
      <translation>&amp;Beitreten</translation>
    </message>
    <message>
      <source>Server &amp;address:</source>
      <translation>Server&amp;adresse:</translation>
    </message>
    <message>
      <source>Please enter a server address such as ws://hallway.example.org:8470.</source>
      <translation>Bitte gib eine Serveradresse ein, etwa ws://hallway.example.org:8470.</translation>
    </message>
    <message>
      <source>&lt;b&gt;Meet the people around you.&lt;/b&gt;&lt;br&gt;Join the server of your event, or host a room for a small group on this computer.</source>
      <translation>&lt;b&gt;Triff die Menschen um dich herum.&lt;/b&gt;&lt;br&gt;Tritt dem Server deiner Veranstaltung bei oder stelle auf diesem Computer einen Raum für eine kleine Gruppe bereit.</translation>
    </message>
    <message>
      <source>Servers you joined before</source>
      <translation>Server, denen du schon beigetreten bist</translation>
    </message>
    <message>
      <source>Click a server to fill in its address; Enter or a double click joins it.</source>
      <translation>Klicke auf einen Server, um seine Adresse einzutragen; mit Enter oder einem Doppelklick trittst du ihm bei.</translation>
    </message>
    <message>
      <source>&amp;Recent servers:</source>
      <translation>&amp;Zuletzt genutzte Server:</translation>
    </message>
    <message>
      <source>&lt;b&gt;You are invited to a Hallway room.&lt;/b&gt;&lt;br&gt;Join it at %1, or host a room of your own on this computer.</source>
      <translation>&lt;b&gt;Du bist in einen Hallway-Raum eingeladen.&lt;/b&gt;&lt;br&gt;Tritt ihm unter %1 bei, oder stelle einen eigenen Raum auf diesem Computer bereit.</translation>
    </message>
  </context>
  <context>
    <name>Hallway::TalkDelegate</name>
    <message>
      <source>by %1</source>
      <translation>von %1</translation>
    </message>
    <message>
      <source>by %1 - sending... (goes out when connected)</source>
      <translation>von %1 - wird gesendet … (geht raus, sobald verbunden)</translation>
    </message>
  </context>
  <context>
    <name>Hallway::TalkDialog</name>
    <message>
      <source>Propose a lightning talk</source>
      <translation>Lightning Talk vorschlagen</translation>
    </message>
    <message>
      <source>&amp;Propose</source>
      <translation>&amp;Vorschlagen</translation>
    </message>
    <message>
      <source>&amp;Title:</source>
      <translation>&amp;Titel:</translation>
    </message>
    <message>
      <source>&amp;Abstract:</source>
      <translation>&amp;Zusammenfassung:</translation>
    </message>
    <message>
      <source>Edit your talk</source>
      <translation>Deinen Talk bearbeiten</translation>
    </message>
    <message>
      <source>&amp;Save</source>
      <translation>&amp;Speichern</translation>
    </message>
    <message>
      <source>Title</source>
      <translation>Titel</translation>
    </message>
    <message>
      <source>Abstract</source>
      <translation>Zusammenfassung</translation>
    </message>
    <message>
      <source>Propose the talk (Ctrl+Enter)</source>
      <translation>Vortrag vorschlagen (Ctrl+Enter)</translation>
    </message>
    <message>
      <source>Save your talk (Ctrl+Enter)</source>
      <translation>Deinen Vortrag speichern (Ctrl+Enter)</translation>
    </message>
    <message>
      <source>Abstract: %1/%2 characters. Ctrl+Enter sends.</source>
      <translation>Zusammenfassung: %1/%2 Zeichen. Ctrl+Enter sendet.</translation>
    </message>
  </context>
  <context>
    <name>Hallway::TalksPanel</name>
    <message>
      <source>Lightning talks by votes</source>
      <translation>Lightning Talks nach Stimmen</translation>
    </message>
    <message>
      <source>Vote for the selected talk, or take your vote back (Space)</source>
      <translation>Für den ausgewählten Talk stimmen oder die Stimme zurücknehmen (Leertaste)</translation>
    </message>
    <message>
      <source>&amp;Edit...</source>
      <translation>&amp;Bearbeiten …</translation>
    </message>
    <message>
      <source>E&amp;xport results...</source>
      <translation>Ergebnisse e&amp;xportieren …</translation>
    </message>
    <message>
      <source>Your vote was not counted: %1</source>
      <translation>Deine Stimme wurde nicht gezählt: %1</translation>
    </message>
    <message>
      <source>Your talk was not changed: %1</source>
      <translation>Dein Talk wurde nicht geändert: %1</translation>
    </message>
    <message>
      <source>Withdraw your talk</source>
      <translation>Deinen Talk zurückziehen</translation>
    </message>
    <message>
      <source>Withdraw "%1"? Its votes are lost.</source>
      <translation>„%1“ zurückziehen? Seine Stimmen gehen verloren.</translation>
    </message>
    <message>
      <source>Your talk was not withdrawn: %1</source>
      <translation>Dein Talk wurde nicht zurückgezogen: %1</translation>
    </message>
    <message>
      <source>Export results</source>
      <translation>Ergebnisse exportieren</translation>
    </message>
    <message>
      <source>talk-results.csv</source>
      <translation>talk-ergebnisse.csv</translation>
    </message>
    <message>
      <source>CSV files (*.csv)</source>
      <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
      <source>The results could not be exported: %1</source>
      <translation>Die Ergebnisse konnten nicht exportiert werden: %1</translation>
    </message>
    <message>
      <source>Cannot write %1: %2</source>
      <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
      <source>Your talk was not proposed: %1</source>
      <translation>Dein Vortrag wurde nicht eingereicht: %1</translation>
    </message>
    <message>
      <source>Selected talk</source>
      <translation>Ausgewählter Vortrag</translation>
    </message>
    <message>
      <source>V&amp;ote</source>
      <translation>Abst&amp;immen</translation>
    </message>
    <message>
      <source>Propo&amp;se a talk...</source>
      <translation>Vortrag vor&amp;schlagen …</translation>
    </message>
    <message>
      <source>W&amp;ithdraw</source>
      <translation>&amp;Zurückziehen</translation>
    </message>
    <message>
      <source>Hide tal&amp;k</source>
      <translation>Vortrag ausb&amp;lenden</translation>
    </message>
    <message>
      <source>No talks proposed yet, and voting is closed.</source>
      <translation>Noch keine Vorträge eingereicht, und die Abstimmung ist beendet.</translation>
    </message>
    <message>
      <source>Select a talk to read its abstract.</source>
      <translation>Wähle einen Vortrag, um seine Zusammenfassung zu lesen.</translation>
    </message>
    <message>
      <source>The talk you select is shown here in full.</source>
      <translation>Der ausgewählte Vortrag wird hier vollständig angezeigt.</translation>
    </message>
    <message>
      <source>The speaker wrote no abstract.</source>
      <translation>Zu diesem Vortrag gibt es keine Zusammenfassung.</translation>
    </message>
    <message numerus="yes">
      <source>%n vote(s), yours among them</source>
      <translation>
        <numerusform>%n Stimme, und zwar deine</numerusform>
        <numerusform>%n Stimmen, darunter deine</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n vote(s)</source>
      <translation>
        <numerusform>%n Stimme</numerusform>
        <numerusform>%n Stimmen</numerusform>
      </translation>
    </message>
    <message>
      <source>by %1</source>
      <translation>von %1</translation>
    </message>
    <message>
      <source>&lt;b&gt;Voting is open.&lt;/b&gt; Vote for the talks you want to see; ✓ marks your votes.</source>
      <translation>&lt;b&gt;Die Abstimmung läuft.&lt;/b&gt; Stimme für die Vorträge, die du sehen willst; ✓ markiert deine Stimmen.</translation>
    </message>
    <message>
      <source>&lt;b&gt;Voting is closed.&lt;/b&gt; ✓ marks your votes.</source>
      <translation>&lt;b&gt;Die Abstimmung ist beendet.&lt;/b&gt; ✓ markiert deine Stimmen.</translation>
    </message>
    <message>
      <source>Take back v&amp;ote</source>
      <translation>St&amp;imme zurücknehmen</translation>
    </message>
    <message>
      <source>Close votin&amp;g</source>
      <translation>Abstimmun&amp;g beenden</translation>
    </message>
    <message>
      <source>Open votin&amp;g</source>
      <translation>Abstimmun&amp;g öffnen</translation>
    </message>
    <message>
      <source>No talks proposed yet. Propose one with "%1" (%2) below.</source>
      <translation>Noch keine Vorträge vorgeschlagen. Schlag unten einen vor mit „%1“ (%2).</translation>
    </message>
  </context>
  <context>
    <name>Hallway::WidgetCard</name>
    <message>
      <source>Move up</source>
      <translation>Nach oben</translation>
    </message>
    <message>
      <source>Move down</source>
      <translation>Nach unten</translation>
    </message>
    <message>
      <source>Change...</source>
      <translation>Ändern …</translation>
    </message>
    <message>
      <source>Remove from this hub</source>
      <translation>Aus diesem Hub entfernen</translation>
    </message>
  </context>
  <context>
    <name>Hallway::WidgetDialog</name>
    <message>
      <source>Change widget</source>
      <translation>Widget ändern</translation>
    </message>
    <message>
      <source>Add a widget</source>
      <translation>Widget hinzufügen</translation>
    </message>
    <message>
      <source>&amp;Whose facts:</source>
      <translation>&amp;Wessen Fakten:</translation>
    </message>
    <message>
      <source>&amp;Save</source>
      <translation>&amp;Speichern</translation>
    </message>
    <message>
      <source>&amp;Add</source>
      <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
      <source>&amp;Kind:</source>
      <translation>&amp;Art:</translation>
    </message>
    <message>
      <source>User %1</source>
      <translation>Person %1</translation>
    </message>
    <message>
      <source>Show at &amp;most:</source>
      <translation>Höchstens &amp;zeigen:</translation>
    </message>
  </context>
  <context>
    <name>Hallway::WidgetView</name>
    <message>
      <source>Loading...</source>
      <translation>Wird geladen …</translation>
    </message>
    <message numerus="yes">
      <source>%n online</source>
      <translation>
        <numerusform>%n anwesend</numerusform>
        <numerusform>%n anwesend</numerusform>
      </translation>
    </message>
    <message>
      <source> (away)</source>
      <translation> (abwesend)</translation>
    </message>
    <message>
      <source>Nobody is here yet.</source>
      <translation>Noch ist niemand da.</translation>
    </message>
    <message>
      <source>Facts by %1</source>
      <translation>Fakten von %1</translation>
    </message>
    <message>
      <source>No facts yet.</source>
      <translation>Noch keine Fakten.</translation>
    </message>
    <message>
      <source>Voting is open</source>
      <translation>Die Abstimmung ist offen</translation>
    </message>
    <message>
      <source>Voting is closed</source>
      <translation>Die Abstimmung ist geschlossen</translation>
    </message>
    <message numerus="yes">
      <source>%1. &lt;b&gt;%2&lt;/b&gt; by %3, %n vote(s)</source>
      <translation>
        <numerusform>%1. &lt;b&gt;%2&lt;/b&gt; von %3, %n Stimme</numerusform>
        <numerusform>%1. &lt;b&gt;%2&lt;/b&gt; von %3, %n Stimmen</numerusform>
      </translation>
    </message>
    <message>
      <source>No talks proposed yet.</source>
      <translation>Noch keine Vorträge eingereicht.</translation>
    </message>
    <message>
      <source>No announcements.</source>
      <translation>Keine Ankündigungen.</translation>
    </message>
    <message>
      <source>Facts</source>
      <translation>Fakten</translation>
    </message>
    <message>
      <source>Messages</source>
      <translation>Nachrichten</translation>
    </message>
    <message>
      <source>Votes</source>
      <translation>Stimmen</translation>
    </message>
    <message>
      <source>&lt;b&gt;Posts per minute&lt;/b&gt;, last hour</source>
      <translation>&lt;b&gt;Beiträge pro Minute&lt;/b&gt;, letzte Stunde</translation>
    </message>
    <message>
      <source>an hour ago</source>
      <translation>vor einer Stunde</translation>
    </message>
    <message>
      <source>now</source>
      <translation>jetzt</translation>
    </message>
    <message>
      <source>&lt;b&gt;Top cities&lt;/b&gt; by posts</source>
      <translation>&lt;b&gt;Städte&lt;/b&gt; mit den meisten Beiträgen</translation>
    </message>
    <message>
      <source>No posts from any city yet.</source>
      <translation>Noch keine Beiträge aus einer Stadt.</translation>
    </message>
    <message>
      <source>&lt;b&gt;Top regions&lt;/b&gt; by posts</source>
      <translation>&lt;b&gt;Regionen&lt;/b&gt; mit den meisten Beiträgen</translation>
    </message>
    <message>
      <source>No posts from any region yet.</source>
      <translation>Noch keine Beiträge aus einer Region.</translation>
    </message>
    <message>
      <source>Here now</source>
      <translation>Jetzt da</translation>
    </message>
    <message>
      <source>People connected now, online or away</source>
      <translation>Gerade verbundene Personen, anwesend oder abwesend</translation>
    </message>
    <message>
      <source>Accounts</source>
      <translation>Konten</translation>
    </message>
    <message>
      <source>Everyone who ever signed up, here or not</source>
      <translation>Alle, die sich je registriert haben, ob da oder nicht</translation>
    </message>
    <message>
      <source>Facts posted and not hidden</source>
      <translation>Geteilte und nicht ausgeblendete Fakten</translation>
    </message>
    <message>
      <source>Chat messages sent</source>
      <translation>Gesendete Chatnachrichten</translation>
    </message>
    <message>
      <source>Votes standing on the talks now</source>
      <translation>Aktuell abgegebene Stimmen für die Vorträge</translation>
    </message>
    <message>
      <source>No activity yet. Posts will show here.</source>
      <translation>Noch keine Aktivität. Beiträge erscheinen hier.</translation>
    </message>
    <message>
      <source>Counted at %1</source>
      <translation>Gezählt um %1</translation>
    </message>
    <message>
      <source>%1 (%2)</source>
      <translation>%1 (%2)</translation>
    </message>
  </context>
  <context>
    <name>InviteLink</name>
    <message>
      <source>This is not a Hallway invite link: it should look like hallway://hallway.example.org:8470.</source>
      <translation>Das ist kein Hallway-Einladungslink: Er sollte so aussehen: hallway://hallway.example.org:8470.</translation>
    </message>
    <message>
      <source>The invite link names no server.</source>
      <translation>Der Einladungslink nennt keinen Server.</translation>
    </message>
    <message>
      <source>The invite link has more in it than a server address and port.</source>
      <translation>Der Einladungslink enthält mehr als eine Serveradresse und einen Port.</translation>
    </message>
  </context>
  <context>
    <name>main</name>
    <message>
      <source>Hallway: meet the people at your conference.</source>
      <translation>Hallway: Triff die Menschen auf deiner Konferenz.</translation>
    </message>
    <message>
      <source>Use this language (e.g. de or en) instead of the system's.</source>
      <translation>Diese Sprache (z. B. de oder en) statt der des Systems verwenden.</translation>
    </message>
    <message>
      <source>An invite link (hallway://host:port or hallways://host:port): asks to join the server it names.</source>
      <translation>Ein Einladungslink (hallway://host:port oder hallways://host:port): fragt, ob du dem genannten Server beitreten willst.</translation>
    </message>
    <message>
      <source>Give at most one invite link.</source>
      <translation>Gib höchstens einen Einladungslink an.</translation>
    </message>
  </context>
</TS>
