<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
  <context>
    <name>Hallway::AnnouncementBar</name>
    <message>
      <source>Dismiss</source>
      <translation>Dismiss</translation>
    </message>
    <message>
      <source>Dismiss the announcement</source>
      <translation>Dismiss the announcement</translation>
    </message>
    <message>
      <source>&lt;b&gt;Announcement&lt;/b&gt; from %1 at %2: %3</source>
      <translation>&lt;b&gt;Announcement&lt;/b&gt; from %1 at %2: %3</translation>
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
      <translation>The server's command line</translation>
    </message>
    <message>
      <source>someone</source>
      <translation>someone</translation>
    </message>
    <message>
      <source>%1 made %2 a moderator</source>
      <translation>%1 made %2 a moderator</translation>
    </message>
    <message>
      <source>%1 made %2 an attendee</source>
      <translation>%1 made %2 an attendee</translation>
    </message>
    <message>
      <source>%1 hid a fact by %2: "%3"</source>
      <translation>%1 hid a fact by %2: "%3"</translation>
    </message>
    <message>
      <source>%1 brought back a fact by %2: "%3"</source>
      <translation>%1 brought back a fact by %2: "%3"</translation>
    </message>
    <message numerus="yes">
      <source>%1 muted %2 for %n minute(s)</source>
      <translation>
        <numerusform>%1 muted %2 for %n minute</numerusform>
        <numerusform>%1 muted %2 for %n minutes</numerusform>
      </translation>
    </message>
    <message>
      <source>%1 lifted the mute on %2</source>
      <translation>%1 lifted the mute on %2</translation>
    </message>
    <message>
      <source>%1 banned %2</source>
      <translation>%1 banned %2</translation>
    </message>
    <message>
      <source>%1 lifted the ban on %2</source>
      <translation>%1 lifted the ban on %2</translation>
    </message>
    <message>
      <source>%1 announced: "%2"</source>
      <translation>%1 announced: "%2"</translation>
    </message>
    <message>
      <source>%1 opened voting on lightning talks</source>
      <translation>%1 opened voting on lightning talks</translation>
    </message>
    <message>
      <source>%1 closed voting on lightning talks</source>
      <translation>%1 closed voting on lightning talks</translation>
    </message>
    <message>
      <source>%1 hid the talk "%2" by %3</source>
      <translation>%1 hid the talk "%2" by %3</translation>
    </message>
    <message>
      <source>%1 brought back the talk "%2" by %3</source>
      <translation>%1 brought back the talk "%2" by %3</translation>
    </message>
    <message>
      <source>%1 created the hub "%2"</source>
      <translation>%1 created the hub "%2"</translation>
    </message>
    <message>
      <source>%1 renamed the hub "%2" to "%3"</source>
      <translation>%1 renamed the hub "%2" to "%3"</translation>
    </message>
    <message>
      <source>%1 deleted the hub "%2"</source>
      <translation>%1 deleted the hub "%2"</translation>
    </message>
    <message>
      <source>%1 added "%2" to the hub "%3"</source>
      <translation>%1 added "%2" to the hub "%3"</translation>
    </message>
    <message>
      <source>%1 removed "%2" from the hub "%3"</source>
      <translation>%1 removed "%2" from the hub "%3"</translation>
    </message>
    <message>
      <source>%1 moved "%2" in the hub "%3"</source>
      <translation>%1 moved "%2" in the hub "%3"</translation>
    </message>
    <message>
      <source>%1 changed "%2" in the hub "%3"</source>
      <translation>%1 changed "%2" in the hub "%3"</translation>
    </message>
    <message>
      <source>%1 did %2 (%3)</source>
      <translation>%1 did %2 (%3)</translation>
    </message>
  </context>
  <context>
    <name>Hallway::ChangePasswordDialog</name>
    <message>
      <source>Change password</source>
      <translation>Change password</translation>
    </message>
    <message>
      <source>&amp;Change password</source>
      <translation>&amp;Change password</translation>
    </message>
    <message>
      <source>C&amp;urrent password:</source>
      <translation>C&amp;urrent password:</translation>
    </message>
    <message>
      <source>&amp;New password:</source>
      <translation>&amp;New password:</translation>
    </message>
    <message>
      <source>&amp;Repeat new password:</source>
      <translation>&amp;Repeat new password:</translation>
    </message>
    <message>
      <source>Your other devices will be signed out.</source>
      <translation>Your other devices will be signed out.</translation>
    </message>
    <message>
      <source>A password needs at least %1 characters.</source>
      <translation>A password needs at least %1 characters.</translation>
    </message>
    <message>
      <source>The two new passwords differ.</source>
      <translation>The two new passwords differ.</translation>
    </message>
    <message>
      <source>The current password is wrong.</source>
      <translation>The current password is wrong.</translation>
    </message>
    <message>
      <source>The password was not changed: %1</source>
      <translation>The password was not changed: %1</translation>
    </message>
  </context>
  <context>
    <name>Hallway::ChatModel</name>
    <message>
      <source>Sending...</source>
      <translation>Sending...</translation>
    </message>
    <message>
      <source>Sent %1</source>
      <translation>Sent %1</translation>
    </message>
    <message>
      <source>Delivered, sent %1</source>
      <translation>Delivered, sent %1</translation>
    </message>
    <message>
      <source>Not sent: %1</source>
      <translation>Not sent: %1</translation>
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
      <translation>You</translation>
    </message>
    <message>
      <source>Today</source>
      <translation>Today</translation>
    </message>
    <message>
      <source>Yesterday</source>
      <translation>Yesterday</translation>
    </message>
    <message>
      <source>Read, sent %1</source>
      <translation>Read, sent %1</translation>
    </message>
  </context>
  <context>
    <name>Hallway::ChatPanel</name>
    <message>
      <source>Conversations</source>
      <translation>Conversations</translation>
    </message>
    <message>
      <source>&lt;b&gt;%1&lt;/b&gt;</source>
      <translation>&lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
      <source>No conversations yet.

To start one, click someone in Who's online and choose Send a message.</source>
      <translation>No conversations yet.

To start one, click someone in Who's online and choose Send a message.</translation>
    </message>
    <message>
      <source>Messages</source>
      <translation>Messages</translation>
    </message>
    <message>
      <source>Message</source>
      <translation>Message</translation>
    </message>
    <message>
      <source>Send</source>
      <translation>Send</translation>
    </message>
    <message>
      <source>Send message</source>
      <translation>Send message</translation>
    </message>
    <message>
      <source>Message to %1</source>
      <translation>Message to %1</translation>
    </message>
    <message>
      <source>Your messages will appear here.</source>
      <translation>Your messages will appear here.</translation>
    </message>
    <message>
      <source>Pick a conversation on the left to read it here.</source>
      <translation>Pick a conversation on the left to read it here.</translation>
    </message>
    <message>
      <source>No messages with %1 yet.

Write the first one below.</source>
      <translation>No messages with %1 yet.

Write the first one below.</translation>
    </message>
    <message>
      <source>Write a message...</source>
      <translation>Write a message...</translation>
    </message>
    <message>
      <source>Enter sends; Shift+Enter starts a new line.</source>
      <translation>Enter sends; Shift+Enter starts a new line.</translation>
    </message>
  </context>
  <context>
    <name>Hallway::ColumnChart</name>
    <message>
      <source>No activity yet.</source>
      <translation>No activity yet.</translation>
    </message>
    <message>
      <source>peak %1 a minute</source>
      <translation>peak %1 a minute</translation>
    </message>
  </context>
  <context>
    <name>Hallway::ConnectionBar</name>
    <message>
      <source>Connecting to %1...</source>
      <translation>Connecting to %1...</translation>
    </message>
    <message numerus="yes">
      <source>Connection lost. Reconnecting in %n second(s)...</source>
      <translation>
        <numerusform>Connection lost. Reconnecting in %n second...</numerusform>
        <numerusform>Connection lost. Reconnecting in %n seconds...</numerusform>
      </translation>
    </message>
    <message>
      <source>Connection lost. Reconnecting to %1...</source>
      <translation>Connection lost. Reconnecting to %1...</translation>
    </message>
    <message>
      <source>Reconnect &amp;now</source>
      <translation>Reconnect &amp;now</translation>
    </message>
    <message>
      <source>You are offline. Hallway reconnects as soon as the network is back.</source>
      <translation>You are offline. Hallway reconnects as soon as the network is back.</translation>
    </message>
    <message>
      <source>Sign &amp;in again</source>
      <translation>Sign &amp;in again</translation>
    </message>
    <message>
      <source>A moderator has banned this account. Hallway will not reconnect.</source>
      <translation>A moderator has banned this account. Hallway will not reconnect.</translation>
    </message>
    <message>
      <source>Sign &amp;in as someone else</source>
      <translation>Sign &amp;in as someone else</translation>
    </message>
    <message>
      <source>Signed out.</source>
      <translation>Signed out.</translation>
    </message>
    <message>
      <source>Sign &amp;in</source>
      <translation>Sign &amp;in</translation>
    </message>
    <message numerus="yes">
      <source>%n change(s) will be sent when you are back.</source>
      <translation>
        <numerusform>%n change will be sent when you are back.</numerusform>
        <numerusform>%n changes will be sent when you are back.</numerusform>
      </translation>
    </message>
    <message>
      <source>Your session has ended: you signed out on another device, the password was changed, or the session expired.</source>
      <translation>Your session has ended: you signed out on another device, the password was changed, or the session expired.</translation>
    </message>
    <message>
      <source>Hallway cannot keep unsent changes on this computer (%1): keep it open until they are sent.</source>
      <translation>Hallway cannot keep unsent changes on this computer (%1): keep it open until they are sent.</translation>
    </message>
  </context>
  <context>
    <name>Hallway::ConversationDelegate</name>
    <message>
      <source>You: %1</source>
      <translation>You: %1</translation>
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
      <translation>%1 (%2 unread)</translation>
    </message>
    <message>
      <source>%1 · %2</source>
      <translation>%1 · %2</translation>
    </message>
    <message>
      <source>Someone</source>
      <translation>Someone</translation>
    </message>
  </context>
  <context>
    <name>Hallway::CredentialStore</name>
    <message>
      <source>No saved sign-in.</source>
      <translation>No saved sign-in.</translation>
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
        <numerusform>A moderator has muted you. You can post again in %n minute.</numerusform>
        <numerusform>A moderator has muted you. You can post again in %n minutes.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>You are going too fast. Try again in %n second(s).</source>
      <translation>
        <numerusform>You are going too fast. Try again in %n second.</numerusform>
        <numerusform>You are going too fast. Try again in %n seconds.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Hallway::FactComposer</name>
    <message>
      <source>New fact</source>
      <translation>New fact</translation>
    </message>
    <message>
      <source>&amp;Post</source>
      <translation>&amp;Post</translation>
    </message>
    <message>
      <source>Your fact was not posted: %1</source>
      <translation>Your fact was not posted: %1</translation>
    </message>
    <message>
      <source>%1/%2</source>
      <translation>%1/%2</translation>
    </message>
    <message>
      <source>A fact has at most %1 characters.</source>
      <translation>A fact has at most %1 characters.</translation>
    </message>
    <message>
      <source>A fact about you, e.g. "I give talks about Qt"</source>
      <translation>A fact about you, e.g. "I give talks about Qt"</translation>
    </message>
  </context>
  <context>
    <name>Hallway::FactDelegate</name>
    <message>
      <source>Sending... (goes out when connected)</source>
      <translation>Sending... (goes out when connected)</translation>
    </message>
    <message>
      <source>just now</source>
      <translation>just now</translation>
    </message>
    <message numerus="yes">
      <source>%n min ago</source>
      <translation>
        <numerusform>%n min ago</numerusform>
        <numerusform>%n min ago</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n h ago</source>
      <translation>
        <numerusform>%n h ago</numerusform>
        <numerusform>%n h ago</numerusform>
      </translation>
    </message>
    <message>
      <source>yesterday %1</source>
      <translation>yesterday %1</translation>
    </message>
    <message>
      <source>You</source>
      <translation>You</translation>
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
      <translation>You: %1</translation>
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
      <translation>&lt;b&gt;Latest from everyone&lt;/b&gt;</translation>
    </message>
    <message>
      <source>Latest facts from everyone</source>
      <translation>Latest facts from everyone</translation>
    </message>
    <message>
      <source>No facts yet. Be the first: share something about yourself above.</source>
      <translation>No facts yet. Be the first: share something about yourself above.</translation>
    </message>
    <message>
      <source>Go to the newest facts</source>
      <translation>Go to the newest facts</translation>
    </message>
    <message>
      <source>Undo</source>
      <translation>Undo</translation>
    </message>
    <message>
      <source>Undo: bring the fact back</source>
      <translation>Undo: bring the fact back</translation>
    </message>
    <message>
      <source>Dismiss this notice</source>
      <translation>Dismiss this notice</translation>
    </message>
    <message>
      <source>Dismiss</source>
      <translation>Dismiss</translation>
    </message>
    <message>
      <source>Hallway cannot use this computer's keychain, so it cannot remember your sign-in. You stay signed in until you quit, and will be asked for your password next time.</source>
      <translation>Hallway cannot use this computer's keychain, so it cannot remember your sign-in. You stay signed in until you quit, and will be asked for your password next time.</translation>
    </message>
    <message>
      <source>&lt;h3&gt;Welcome, %1&lt;/h3&gt;Everyone who is here right now is listed on the left; click a name to see what they shared.</source>
      <translation>&lt;h3&gt;Welcome, %1&lt;/h3&gt;Everyone who is here right now is listed on the left; click a name to see what they shared.</translation>
    </message>
    <message>
      <source>&amp;Hide this fact from everyone...</source>
      <translation>&amp;Hide this fact from everyone...</translation>
    </message>
    <message>
      <source>Hide this fact</source>
      <translation>Hide this fact</translation>
    </message>
    <message>
      <source>Hide this fact by %1 from everyone?

"%2"</source>
      <translation>Hide this fact by %1 from everyone?

"%2"</translation>
    </message>
    <message>
      <source>Its author is told. You can bring it back from the notice that follows, or later from the moderation log.</source>
      <translation>Its author is told. You can bring it back from the notice that follows, or later from the moderation log.</translation>
    </message>
    <message>
      <source>Hide</source>
      <translation>Hide</translation>
    </message>
    <message>
      <source>The fact could not be hidden: %1</source>
      <translation>The fact could not be hidden: %1</translation>
    </message>
    <message>
      <source>The fact could not be brought back: %1</source>
      <translation>The fact could not be brought back: %1</translation>
    </message>
    <message>
      <source>Fact hidden from everyone.</source>
      <translation>Fact hidden from everyone.</translation>
    </message>
    <message>
      <source>The fact is back.</source>
      <translation>The fact is back.</translation>
    </message>
    <message>
      <source>A moderator hid your fact "%1".</source>
      <translation>A moderator hid your fact "%1".</translation>
    </message>
    <message>
      <source>A moderator brought back your fact "%1".</source>
      <translation>A moderator brought back your fact "%1".</translation>
    </message>
    <message numerus="yes">
      <source>↑ %n new fact(s)</source>
      <translation>
        <numerusform>↑ %n new fact</numerusform>
        <numerusform>↑ %n new facts</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Hallway::HallwayApp</name>
    <message>
      <source>Cannot host a room</source>
      <translation>Cannot host a room</translation>
    </message>
    <message>
      <source>Hallway could not start a room on this computer:
%1</source>
      <translation>Hallway could not start a room on this computer:
%1</translation>
    </message>
    <message>
      <source>Unverified server</source>
      <translation>Unverified server</translation>
    </message>
    <message>
      <source>Hallway cannot verify that %1 is who it claims to be.</source>
      <translation>Hallway cannot verify that %1 is who it claims to be.</translation>
    </message>
    <message>
      <source>&lt;p&gt;Its certificate's SHA-256 fingerprint is:&lt;/p&gt;&lt;p&gt;&lt;tt&gt;%1&lt;/tt&gt;&lt;/p&gt;&lt;p&gt;Trust it only if it matches the fingerprint the organisers published. Hallway will remember it for this server and warn you if it ever changes.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Its certificate's SHA-256 fingerprint is:&lt;/p&gt;&lt;p&gt;&lt;tt&gt;%1&lt;/tt&gt;&lt;/p&gt;&lt;p&gt;Trust it only if it matches the fingerprint the organisers published. Hallway will remember it for this server and warn you if it ever changes.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&amp;Trust this certificate</source>
      <translation>&amp;Trust this certificate</translation>
    </message>
    <message>
      <source>The server's certificate has changed</source>
      <translation>The server's certificate has changed</translation>
    </message>
    <message>
      <source>&lt;b&gt;Warning: the certificate of %1 is not the one you trusted.&lt;/b&gt;</source>
      <translation>&lt;b&gt;Warning: the certificate of %1 is not the one you trusted.&lt;/b&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Someone may be intercepting the connection, or the organisers replaced the certificate. Hallway did not connect and sent nothing.&lt;/p&gt;&lt;p&gt;Trusted:&lt;br&gt;&lt;tt&gt;%1&lt;/tt&gt;&lt;/p&gt;&lt;p&gt;Presented now:&lt;br&gt;&lt;tt&gt;%2&lt;/tt&gt;&lt;/p&gt;&lt;p&gt;Only trust the new one if the organisers confirm its fingerprint.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Someone may be intercepting the connection, or the organisers replaced the certificate. Hallway did not connect and sent nothing.&lt;/p&gt;&lt;p&gt;Trusted:&lt;br&gt;&lt;tt&gt;%1&lt;/tt&gt;&lt;/p&gt;&lt;p&gt;Presented now:&lt;br&gt;&lt;tt&gt;%2&lt;/tt&gt;&lt;/p&gt;&lt;p&gt;Only trust the new one if the organisers confirm its fingerprint.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>Trust the &amp;new certificate</source>
      <translation>Trust the &amp;new certificate</translation>
    </message>
    <message>
      <source>Invite link</source>
      <translation>Invite link</translation>
    </message>
    <message>
      <source>Hallway cannot open the link %1.</source>
      <translation>Hallway cannot open the link %1.</translation>
    </message>
    <message>
      <source>Join another room?</source>
      <translation>Join another room?</translation>
    </message>
    <message>
      <source>You are in the room at %1. Leave it and join the room at %2?</source>
      <translation>You are in the room at %1. Leave it and join the room at %2?</translation>
    </message>
    <message>
      <source>&amp;Leave and join</source>
      <translation>&amp;Leave and join</translation>
    </message>
    <message>
      <source>&amp;Stay here</source>
      <translation>&amp;Stay here</translation>
    </message>
  </context>
  <context>
    <name>Hallway::HallwayClient</name>
    <message>
      <source>Cannot reach %1: %2</source>
      <translation>Cannot reach %1: %2</translation>
    </message>
    <message>
      <source>cannot make the folder %1</source>
      <translation>cannot make the folder %1</translation>
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
      <translation>&amp;New hub...</translation>
    </message>
    <message>
      <source>&amp;Rename...</source>
      <translation>&amp;Rename...</translation>
    </message>
    <message>
      <source>&amp;Delete hub</source>
      <translation>&amp;Delete hub</translation>
    </message>
    <message>
      <source>That widget is gone; someone removed it meanwhile.</source>
      <translation>That widget is gone; someone removed it meanwhile.</translation>
    </message>
    <message>
      <source>Loading the hubs...</source>
      <translation>Loading the hubs...</translation>
    </message>
    <message>
      <source>That did not work: %1</source>
      <translation>That did not work: %1</translation>
    </message>
    <message>
      <source>New hub</source>
      <translation>New hub</translation>
    </message>
    <message>
      <source>Name of the new hub:</source>
      <translation>Name of the new hub:</translation>
    </message>
    <message>
      <source>Rename hub</source>
      <translation>Rename hub</translation>
    </message>
    <message>
      <source>New name:</source>
      <translation>New name:</translation>
    </message>
    <message>
      <source>Delete hub</source>
      <translation>Delete hub</translation>
    </message>
    <message>
      <source>Delete the hub "%1" for everyone? Its widgets go with it.</source>
      <translation>Delete the hub "%1" for everyone? Its widgets go with it.</translation>
    </message>
    <message>
      <source>Hu&amp;b:</source>
      <translation>Hu&amp;b:</translation>
    </message>
    <message>
      <source>&amp;Add widget...</source>
      <translation>&amp;Add widget...</translation>
    </message>
    <message>
      <source>Present on pro&amp;jector...</source>
      <translation>Present on pro&amp;jector...</translation>
    </message>
    <message>
      <source>Show this hub full screen, in large type, on a screen of your choice</source>
      <translation>Show this hub full screen, in large type, on a screen of your choice</translation>
    </message>
    <message>
      <source>The hub's widgets</source>
      <translation>The hub's widgets</translation>
    </message>
    <message>
      <source>This hub has no widgets yet. Add who's online, the latest facts, the talks or the room in numbers with "Add widget".</source>
      <translation>This hub has no widgets yet. Add who's online, the latest facts, the talks or the room in numbers with "Add widget".</translation>
    </message>
    <message>
      <source>This hub has no widgets yet. They appear here as soon as a moderator adds them.</source>
      <translation>This hub has no widgets yet. They appear here as soon as a moderator adds them.</translation>
    </message>
    <message>
      <source>No hubs yet. A hub is a page for a room or a track: who's online, the latest facts, the talks and the room in numbers, side by side, live for everyone. Create one with "New hub".</source>
      <translation>No hubs yet. A hub is a page for a room or a track: who's online, the latest facts, the talks and the room in numbers, side by side, live for everyone. Create one with "New hub".</translation>
    </message>
    <message>
      <source>No hubs yet. A hub is a page for a room or a track: who's online, the latest facts, the talks and the room in numbers, side by side. The moderators have not made one yet.</source>
      <translation>No hubs yet. A hub is a page for a room or a track: who's online, the latest facts, the talks and the room in numbers, side by side. The moderators have not made one yet.</translation>
    </message>
    <message>
      <source>%1 (%2 x %3)</source>
      <translation>%1 (%2 x %3)</translation>
    </message>
    <message>
      <source>Present</source>
      <translation>Present</translation>
    </message>
    <message>
      <source>Show the hub full screen on:</source>
      <translation>Show the hub full screen on:</translation>
    </message>
  </context>
  <context>
    <name>Hallway::HubsModel</name>
    <message>
      <source>Who's online</source>
      <translation>Who's online</translation>
    </message>
    <message>
      <source>Latest facts</source>
      <translation>Latest facts</translation>
    </message>
    <message>
      <source>Top lightning talks</source>
      <translation>Top lightning talks</translation>
    </message>
    <message>
      <source>The room in numbers</source>
      <translation>The room in numbers</translation>
    </message>
    <message>
      <source>Announcements</source>
      <translation>Announcements</translation>
    </message>
    <message>
      <source>One person's facts</source>
      <translation>One person's facts</translation>
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
      <translation>Who's online</translation>
    </message>
    <message>
      <source>&amp;Feed</source>
      <translation>&amp;Feed</translation>
    </message>
    <message>
      <source>H&amp;ubs</source>
      <translation>H&amp;ubs</translation>
    </message>
    <message>
      <source>Lightning &amp;talks</source>
      <translation>Lightning &amp;talks</translation>
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
      <translation>Message from %1</translation>
    </message>
    <message>
      <source>Announcement from %1</source>
      <translation>Announcement from %1</translation>
    </message>
    <message>
      <source>Send a &amp;message</source>
      <translation>Send a &amp;message</translation>
    </message>
    <message>
      <source>View &amp;profile</source>
      <translation>View &amp;profile</translation>
    </message>
    <message>
      <source>Appear &amp;away</source>
      <translation>Appear &amp;away</translation>
    </message>
    <message>
      <source>Ctrl+Shift+A</source>
      <translation>Ctrl+Shift+A</translation>
    </message>
    <message>
      <source>&amp;Change password...</source>
      <translation>&amp;Change password...</translation>
    </message>
    <message>
      <source>Password changed.</source>
      <translation>Password changed.</translation>
    </message>
    <message>
      <source>Desktop &amp;notifications</source>
      <translation>Desktop &amp;notifications</translation>
    </message>
    <message>
      <source>Connect to another &amp;server...</source>
      <translation>Connect to another &amp;server...</translation>
    </message>
    <message>
      <source>Sign &amp;out</source>
      <translation>Sign &amp;out</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>&amp;Quit</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>&amp;Help</translation>
    </message>
    <message>
      <source>&amp;About Hallway</source>
      <translation>&amp;About Hallway</translation>
    </message>
    <message>
      <source>About Hallway</source>
      <translation>About Hallway</translation>
    </message>
    <message>
      <source>&lt;b&gt;Hallway %1&lt;/b&gt;&lt;p&gt;See who is around at your conference, share facts about yourself, chat, and vote on lightning talks.&lt;/p&gt;</source>
      <translation>&lt;b&gt;Hallway %1&lt;/b&gt;&lt;p&gt;See who is around at your conference, share facts about yourself, chat, and vote on lightning talks.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>About &amp;Qt</source>
      <translation>About &amp;Qt</translation>
    </message>
    <message numerus="yes">
      <source>You are going a bit fast; it goes out in %n second(s).</source>
      <translation>
        <numerusform>You are going a bit fast; it goes out in %n second.</numerusform>
        <numerusform>You are going a bit fast; it goes out in %n seconds.</numerusform>
      </translation>
    </message>
    <message>
      <source>A moderator made you a moderator.</source>
      <translation>A moderator made you a moderator.</translation>
    </message>
    <message>
      <source>You are no longer a moderator.</source>
      <translation>You are no longer a moderator.</translation>
    </message>
    <message>
      <source>Make an &amp;attendee</source>
      <translation>Make an &amp;attendee</translation>
    </message>
    <message>
      <source>Make a mo&amp;derator</source>
      <translation>Make a mo&amp;derator</translation>
    </message>
    <message>
      <source>&amp;Mute</source>
      <translation>&amp;Mute</translation>
    </message>
    <message numerus="yes">
      <source>For %n minute(s)</source>
      <translation>
        <numerusform>For %n minute</numerusform>
        <numerusform>For %n minutes</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>For %n hour(s)</source>
      <translation>
        <numerusform>For %n hour</numerusform>
        <numerusform>For %n hours</numerusform>
      </translation>
    </message>
    <message>
      <source>&amp;Lift the mute</source>
      <translation>&amp;Lift the mute</translation>
    </message>
    <message>
      <source>&amp;Ban...</source>
      <translation>&amp;Ban...</translation>
    </message>
    <message>
      <source>Ban %1</source>
      <translation>Ban %1</translation>
    </message>
    <message>
      <source>Ban %1? They are disconnected at once and cannot sign in until a moderator lifts the ban.</source>
      <translation>Ban %1? They are disconnected at once and cannot sign in until a moderator lifts the ban.</translation>
    </message>
    <message>
      <source>&amp;Moderation</source>
      <translation>&amp;Moderation</translation>
    </message>
    <message>
      <source>Hosting a room at %1</source>
      <translation>Hosting a room at %1</translation>
    </message>
    <message>
      <source>Hallway - %1</source>
      <translation>Hallway - %1</translation>
    </message>
    <message>
      <source>Signed out</source>
      <translation>Signed out</translation>
    </message>
    <message>
      <source>Connecting to %1...</source>
      <translation>Connecting to %1...</translation>
    </message>
    <message>
      <source>Online as %1 at %2</source>
      <translation>Online as %1 at %2</translation>
    </message>
    <message>
      <source>The server cannot save anything right now; what you write goes out by itself as soon as it can.</source>
      <translation>The server cannot save anything right now; what you write goes out by itself as soon as it can.</translation>
    </message>
    <message>
      <source>About this &amp;room...</source>
      <translation>About this &amp;room...</translation>
    </message>
    <message>
      <source>Not connected</source>
      <translation>Not connected</translation>
    </message>
    <message>
      <source>Sections of the room</source>
      <translation>Sections of the room</translation>
    </message>
    <message>
      <source>&amp;View</source>
      <translation>&amp;View</translation>
    </message>
    <message>
      <source>&amp;Hubs</source>
      <translation>&amp;Hubs</translation>
    </message>
    <message>
      <source>Find a &amp;person</source>
      <translation>Find a &amp;person</translation>
    </message>
    <message>
      <source>Ctrl+K</source>
      <translation>Ctrl+K</translation>
    </message>
    <message>
      <source>High co&amp;ntrast</source>
      <translation>High co&amp;ntrast</translation>
    </message>
    <message>
      <source>Hall&amp;way</source>
      <translation>Hall&amp;way</translation>
    </message>
    <message>
      <source>Copy &amp;invite link</source>
      <translation>Copy &amp;invite link</translation>
    </message>
    <message>
      <source>Invite link copied: %1</source>
      <translation>Invite link copied: %1</translation>
    </message>
    <message>
      <source>Leave and lose changes?</source>
      <translation>Leave and lose changes?</translation>
    </message>
    <message>
      <source>&amp;Leave anyway</source>
      <translation>&amp;Leave anyway</translation>
    </message>
    <message>
      <source>&amp;Stay until they are sent</source>
      <translation>&amp;Stay until they are sent</translation>
    </message>
    <message numerus="yes">
      <source>%n unsent change(s) could not be kept on this computer (%1) and would be lost if you left now.</source>
      <translation>
        <numerusform>%n unsent change could not be kept on this computer (%1) and would be lost if you left now.</numerusform>
        <numerusform>%n unsent changes could not be kept on this computer (%1) and would be lost if you left now.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Hallway::MessageDelegate</name>
    <message>
      <source>New messages</source>
      <translation>New messages</translation>
    </message>
    <message>
      <source>Read</source>
      <translation>Read</translation>
    </message>
  </context>
  <context>
    <name>Hallway::ModerationPanel</name>
    <message>
      <source>Announce to everyone</source>
      <translation>Announce to everyone</translation>
    </message>
    <message>
      <source>e.g. The keynote starts in 10 minutes in room A</source>
      <translation>e.g. The keynote starts in 10 minutes in room A</translation>
    </message>
    <message>
      <source>&amp;Announce</source>
      <translation>&amp;Announce</translation>
    </message>
    <message>
      <source>Banned and muted</source>
      <translation>Banned and muted</translation>
    </message>
    <message>
      <source>&amp;Lift</source>
      <translation>&amp;Lift</translation>
    </message>
    <message>
      <source>Audit log</source>
      <translation>Audit log</translation>
    </message>
    <message>
      <source>Audit log, newest first</source>
      <translation>Audit log, newest first</translation>
    </message>
    <message>
      <source>&amp;Bring the fact back</source>
      <translation>&amp;Bring the fact back</translation>
    </message>
    <message>
      <source>&amp;Bring the talk back</source>
      <translation>&amp;Bring the talk back</translation>
    </message>
    <message>
      <source>Announced to everyone.</source>
      <translation>Announced to everyone.</translation>
    </message>
    <message>
      <source>The announcement did not go out: %1</source>
      <translation>The announcement did not go out: %1</translation>
    </message>
    <message>
      <source>That did not work: %1</source>
      <translation>That did not work: %1</translation>
    </message>
    <message>
      <source>%1 may post again.</source>
      <translation>%1 may post again.</translation>
    </message>
    <message numerus="yes">
      <source>%1 is muted for %n minute(s).</source>
      <translation>
        <numerusform>%1 is muted for %n minute.</numerusform>
        <numerusform>%1 is muted for %n minutes.</numerusform>
      </translation>
    </message>
    <message>
      <source>%1 is banned.</source>
      <translation>%1 is banned.</translation>
    </message>
    <message>
      <source>%1 may sign in again.</source>
      <translation>%1 may sign in again.</translation>
    </message>
    <message>
      <source>%1 is now a moderator.</source>
      <translation>%1 is now a moderator.</translation>
    </message>
    <message>
      <source>%1 is now an attendee.</source>
      <translation>%1 is now an attendee.</translation>
    </message>
    <message>
      <source>The fact is hidden from everyone.</source>
      <translation>The fact is hidden from everyone.</translation>
    </message>
    <message>
      <source>The fact is back.</source>
      <translation>The fact is back.</translation>
    </message>
    <message>
      <source>The talk is hidden from everyone.</source>
      <translation>The talk is hidden from everyone.</translation>
    </message>
    <message>
      <source>The talk is back.</source>
      <translation>The talk is back.</translation>
    </message>
    <message>
      <source>%1 (@%2): banned</source>
      <translation>%1 (@%2): banned</translation>
    </message>
    <message>
      <source>%1 (@%2): muted until %3</source>
      <translation>%1 (@%2): muted until %3</translation>
    </message>
    <message>
      <source>Announcement</source>
      <translation>Announcement</translation>
    </message>
    <message>
      <source>Banned and muted people</source>
      <translation>Banned and muted people</translation>
    </message>
    <message>
      <source>&amp;Refresh</source>
      <translation>&amp;Refresh</translation>
    </message>
  </context>
  <context>
    <name>Hallway::OnlinePanel</name>
    <message>
      <source>Find a person (Ctrl+K)</source>
      <translation>Find a person (Ctrl+K)</translation>
    </message>
    <message>
      <source>Find a person</source>
      <translation>Find a person</translation>
    </message>
    <message>
      <source>People online</source>
      <translation>People online</translation>
    </message>
    <message>
      <source>Not connected</source>
      <translation>Not connected</translation>
    </message>
    <message numerus="yes">
      <source>%n online</source>
      <translation>
        <numerusform>%n online</numerusform>
        <numerusform>%n online</numerusform>
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
        <numerusform>%n away</numerusform>
        <numerusform>%n away</numerusform>
      </translation>
    </message>
    <message>
      <source>Nobody called "%1" is here. Esc shows everyone.</source>
      <translation>Nobody called "%1" is here. Esc shows everyone.</translation>
    </message>
    <message>
      <source>Who is here shows once you are connected.</source>
      <translation>Who is here shows once you are connected.</translation>
    </message>
    <message>
      <source>Nobody is here yet. People appear here as they sign in.</source>
      <translation>Nobody is here yet. People appear here as they sign in.</translation>
    </message>
  </context>
  <context>
    <name>Hallway::PresenceDelegate</name>
    <message>
      <source>%1 (you)</source>
      <translation>%1 (you)</translation>
    </message>
    <message>
      <source>%1 (you, away)</source>
      <translation>%1 (you, away)</translation>
    </message>
    <message>
      <source>%1 (away)</source>
      <translation>%1 (away)</translation>
    </message>
  </context>
  <context>
    <name>Hallway::PresenceModel</name>
    <message>
      <source>away</source>
      <translation>away</translation>
    </message>
    <message>
      <source>online</source>
      <translation>online</translation>
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
      <translation>not known while disconnected</translation>
    </message>
  </context>
  <context>
    <name>Hallway::PresenterView</name>
    <message>
      <source>Esc to leave</source>
      <translation>Esc to leave</translation>
    </message>
    <message>
      <source>Join at %1</source>
      <translation>Join at %1</translation>
    </message>
    <message>
      <source>This hub was deleted</source>
      <translation>This hub was deleted</translation>
    </message>
    <message>
      <source>%1 - Hallway presenter view</source>
      <translation>%1 - Hallway presenter view</translation>
    </message>
    <message>
      <source>Hallway presenter view</source>
      <translation>Hallway presenter view</translation>
    </message>
    <message>
      <source>A moderator deleted this hub. Press Esc to leave.</source>
      <translation>A moderator deleted this hub. Press Esc to leave.</translation>
    </message>
    <message>
      <source>This hub has no widgets yet. They appear here as soon as a moderator adds them.</source>
      <translation>This hub has no widgets yet. They appear here as soon as a moderator adds them.</translation>
    </message>
  </context>
  <context>
    <name>Hallway::ProfilePanel</name>
    <message>
      <source>Close</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>Close the profile (Esc)</source>
      <translation>Close the profile (Esc)</translation>
    </message>
    <message>
      <source>No facts yet.</source>
      <translation>No facts yet.</translation>
    </message>
    <message>
      <source>Facts of this person</source>
      <translation>Facts of this person</translation>
    </message>
    <message>
      <source>Could not load this profile: %1</source>
      <translation>Could not load this profile: %1</translation>
    </message>
    <message>
      <source>moderator</source>
      <translation>moderator</translation>
    </message>
    <message>
      <source>Not here right now</source>
      <translation>Not here right now</translation>
    </message>
    <message>
      <source>Here, but away</source>
      <translation>Here, but away</translation>
    </message>
    <message>
      <source>Here now</source>
      <translation>Here now</translation>
    </message>
    <message>
      <source>Send a message</source>
      <translation>Send a message</translation>
    </message>
  </context>
  <context>
    <name>Hallway::RoomInfoDialog</name>
    <message>
      <source>About this room</source>
      <translation>About this room</translation>
    </message>
    <message>
      <source>You are hosting this room on this computer, for this computer only. To let others join, host it again and choose to let others on the network join.</source>
      <translation>You are hosting this room on this computer, for this computer only. To let others join, host it again and choose to let others on the network join.</translation>
    </message>
    <message>
      <source>&amp;Copy address</source>
      <translation>&amp;Copy address</translation>
    </message>
    <message>
      <source>Address:</source>
      <translation>Address:</translation>
    </message>
    <message>
      <source>Database:</source>
      <translation>Database:</translation>
    </message>
    <message>
      <source>The first account created in this room is its moderator, and can make others moderators from their names in Who's online.</source>
      <translation>The first account created in this room is its moderator, and can make others moderators from their names in Who's online.</translation>
    </message>
    <message>
      <source>Copied</source>
      <translation>Copied</translation>
    </message>
    <message>
      <source>Address of this room</source>
      <translation>Address of this room</translation>
    </message>
    <message>
      <source>You are hosting this room on this computer. Send others the invite link: a click on it opens Hallway ready to join. Or they enter the address (Hallway &gt; Connect to another server...).</source>
      <translation>You are hosting this room on this computer. Send others the invite link: a click on it opens Hallway ready to join. Or they enter the address (Hallway &gt; Connect to another server...).</translation>
    </message>
    <message>
      <source>Invite link:</source>
      <translation>Invite link:</translation>
    </message>
    <message>
      <source>Invite link to this room</source>
      <translation>Invite link to this room</translation>
    </message>
    <message>
      <source>Copy &amp;invite link</source>
      <translation>Copy &amp;invite link</translation>
    </message>
  </context>
  <context>
    <name>Hallway::ServerConnection</name>
    <message>
      <source>The connection was closed.</source>
      <translation>The connection was closed.</translation>
    </message>
    <message>
      <source>Not connected to the server.</source>
      <translation>Not connected to the server.</translation>
    </message>
    <message>
      <source>The server did not answer in time.</source>
      <translation>The server did not answer in time.</translation>
    </message>
    <message>
      <source>The connection was lost.</source>
      <translation>The connection was lost.</translation>
    </message>
    <message>
      <source>A moderator has banned this account.</source>
      <translation>A moderator has banned this account.</translation>
    </message>
    <message>
      <source>The server's certificate is not trusted.</source>
      <translation>The server's certificate is not trusted.</translation>
    </message>
    <message>
      <source>You were signed out: on another device, or because the password was changed.</source>
      <translation>You were signed out: on another device, or because the password was changed.</translation>
    </message>
  </context>
  <context>
    <name>Hallway::SignInDialog</name>
    <message>
      <source>Sign in to Hallway</source>
      <translation>Sign in to Hallway</translation>
    </message>
    <message>
      <source>ws://hallway.example.org:8470</source>
      <translation>ws://hallway.example.org:8470</translation>
    </message>
    <message>
      <source>I am new here: &amp;create an account</source>
      <translation>I am new here: &amp;create an account</translation>
    </message>
    <message>
      <source>How others see you</source>
      <translation>How others see you</translation>
    </message>
    <message>
      <source>Optional</source>
      <translation>Optional</translation>
    </message>
    <message>
      <source>&amp;Display name:</source>
      <translation>&amp;Display name:</translation>
    </message>
    <message>
      <source>C&amp;ity:</source>
      <translation>C&amp;ity:</translation>
    </message>
    <message>
      <source>Re&amp;gion:</source>
      <translation>Re&amp;gion:</translation>
    </message>
    <message>
      <source>&amp;Remember me on this computer</source>
      <translation>&amp;Remember me on this computer</translation>
    </message>
    <message>
      <source>&amp;Sign in</source>
      <translation>&amp;Sign in</translation>
    </message>
    <message>
      <source>&amp;Username:</source>
      <translation>&amp;Username:</translation>
    </message>
    <message>
      <source>&amp;Password:</source>
      <translation>&amp;Password:</translation>
    </message>
    <message>
      <source>Create a Hallway account</source>
      <translation>Create a Hallway account</translation>
    </message>
    <message>
      <source>Enter the server address, for example ws://hallway.example.org:8470.</source>
      <translation>Enter the server address, for example ws://hallway.example.org:8470.</translation>
    </message>
    <message>
      <source>Enter your username.</source>
      <translation>Enter your username.</translation>
    </message>
    <message>
      <source>Enter your password.</source>
      <translation>Enter your password.</translation>
    </message>
    <message>
      <source>A username has %1 to %2 characters: letters a-z, digits, '.', '_' or '-'.</source>
      <translation>A username has %1 to %2 characters: letters a-z, digits, '.', '_' or '-'.</translation>
    </message>
    <message>
      <source>A password needs at least %1 characters.</source>
      <translation>A password needs at least %1 characters.</translation>
    </message>
    <message>
      <source>Enter the name others will see.</source>
      <translation>Enter the name others will see.</translation>
    </message>
    <message>
      <source>Wrong username or password.</source>
      <translation>Wrong username or password.</translation>
    </message>
    <message>
      <source>That username is taken. Please choose another.</source>
      <translation>That username is taken. Please choose another.</translation>
    </message>
    <message>
      <source>Cannot reach the server. Check the address and your network.
(%1)</source>
      <translation>Cannot reach the server. Check the address and your network.
(%1)</translation>
    </message>
    <message>
      <source>The server refused: %1</source>
      <translation>The server refused: %1</translation>
    </message>
    <message>
      <source>This computer has no keychain, so Hallway cannot remember your sign-in.</source>
      <translation>This computer has no keychain, so Hallway cannot remember your sign-in.</translation>
    </message>
    <message>
      <source>Ser&amp;ver:</source>
      <translation>Ser&amp;ver:</translation>
    </message>
    <message>
      <source>Create &amp;account</source>
      <translation>Create &amp;account</translation>
    </message>
  </context>
  <context>
    <name>Hallway::Simulator</name>
    <message>
      <source>Signs in simulated attendees who come and go, post facts, chat, propose talks and vote, at about RATE actions per second in all, then stops by itself.</source>
      <translation>Signs in simulated attendees who come and go, post facts, chat, propose talks and vote, at about RATE actions per second in all, then stops by itself.</translation>
    </message>
    <message>
      <source>The room, e.g. ws://127.0.0.1:8470 (required).</source>
      <translation>The room, e.g. ws://127.0.0.1:8470 (required).</translation>
    </message>
    <message>
      <source>How many attendees, 1 to 5000 (default 20).</source>
      <translation>How many attendees, 1 to 5000 (default 20).</translation>
    </message>
    <message>
      <source>Actions per second in all, up to 10000 (default 5).</source>
      <translation>Actions per second in all, up to 10000 (default 5).</translation>
    </message>
    <message>
      <source>Seconds to run, 1 to 86400 (default 60).</source>
      <translation>Seconds to run, 1 to 86400 (default 60).</translation>
    </message>
    <message>
      <source>Username prefix: PREFIX-0001, PREFIX-0002... (default sim). Existing accounts sign in with --password; new ones are registered with it.</source>
      <translation>Username prefix: PREFIX-0001, PREFIX-0002... (default sim). Existing accounts sign in with --password; new ones are registered with it.</translation>
    </message>
    <message>
      <source>The attendees' password (default simulated-attendee).</source>
      <translation>The attendees' password (default simulated-attendee).</translation>
    </message>
    <message>
      <source>Log every attendee's connection, sign-in, break and return.</source>
      <translation>Log every attendee's connection, sign-in, break and return.</translation>
    </message>
    <message>
      <source>Random seed, for a repeatable run.</source>
      <translation>Random seed, for a repeatable run.</translation>
    </message>
    <message>
      <source>--server is required, e.g. --server ws://127.0.0.1:8470</source>
      <translation>--server is required, e.g. --server ws://127.0.0.1:8470</translation>
    </message>
    <message>
      <source>--server must be a ws:// or wss:// address, got "%1"</source>
      <translation>--server must be a ws:// or wss:// address, got "%1"</translation>
    </message>
    <message>
      <source>--users must be a whole number from 1 to 5000</source>
      <translation>--users must be a whole number from 1 to 5000</translation>
    </message>
    <message>
      <source>--rate must be a number above 0 and at most 10000</source>
      <translation>--rate must be a number above 0 and at most 10000</translation>
    </message>
    <message>
      <source>--duration must be a whole number of seconds from 1 to 86400</source>
      <translation>--duration must be a whole number of seconds from 1 to 86400</translation>
    </message>
    <message>
      <source>--prefix "%1" makes usernames such as "%2" that the server refuses: %3</source>
      <translation>--prefix "%1" makes usernames such as "%2" that the server refuses: %3</translation>
    </message>
    <message>
      <source>--password: %1</source>
      <translation>--password: %1</translation>
    </message>
    <message>
      <source>Simulating %1 attendees at about %2 actions/s for %3 s against %4</source>
      <translation>Simulating %1 attendees at about %2 actions/s for %3 s against %4</translation>
    </message>
    <message>
      <source>the account exists with another password; pass its --password or choose another --prefix</source>
      <translation>the account exists with another password; pass its --password or choose another --prefix</translation>
    </message>
    <message>
      <source>hallway-simulate: %1 cannot sign in: %2</source>
      <translation>hallway-simulate: %1 cannot sign in: %2</translation>
    </message>
    <message>
      <source>hallway-simulate: no attendee could sign in: %1</source>
      <translation>hallway-simulate: no attendee could sign in: %1</translation>
    </message>
    <message>
      <source>no answer within %1 s</source>
      <translation>no answer within %1 s</translation>
    </message>
    <message>
      <source>%1 s: %2/%3 online, %4 actions (facts %5, votes %6, messages %7, talks %8, presence %9, breaks %10), %11 stored, %12 rejected</source>
      <translation>%1 s: %2/%3 online, %4 actions (facts %5, votes %6, messages %7, talks %8, presence %9, breaks %10), %11 stored, %12 rejected</translation>
    </message>
    <message>
      <source>, %1 slowed down by the server</source>
      <translation>, %1 slowed down by the server</translation>
    </message>
    <message>
      <source>Summary</source>
      <translation>Summary</translation>
    </message>
    <message>
      <source>  %1 %2 of %3 (%4 registered now)</source>
      <translation>  %1 %2 of %3 (%4 registered now)</translation>
    </message>
    <message>
      <source>attendees signed in</source>
      <translation>attendees signed in</translation>
    </message>
    <message>
      <source>facts</source>
      <translation>facts</translation>
    </message>
    <message>
      <source>votes</source>
      <translation>votes</translation>
    </message>
    <message>
      <source>messages</source>
      <translation>messages</translation>
    </message>
    <message>
      <source>talks proposed</source>
      <translation>talks proposed</translation>
    </message>
    <message>
      <source>  %1 %2 sent, %3 stored, %4 rejected, %5 unanswered</source>
      <translation>  %1 %2 sent, %3 stored, %4 rejected, %5 unanswered</translation>
    </message>
    <message>
      <source>  %1 %2</source>
      <translation>  %1 %2</translation>
    </message>
    <message>
      <source>presence changes</source>
      <translation>presence changes</translation>
    </message>
    <message>
      <source>breaks taken</source>
      <translation>breaks taken</translation>
    </message>
    <message>
      <source>rejected</source>
      <translation>rejected</translation>
    </message>
    <message>
      <source>  %1 %2 writes told to wait (rate_limited), %3 more not sent; the server's [abuse] settings allow each user only so many a minute</source>
      <translation>  %1 %2 writes told to wait (rate_limited), %3 more not sent; the server's [abuse] settings allow each user only so many a minute</translation>
    </message>
    <message>
      <source>slowed down</source>
      <translation>slowed down</translation>
    </message>
    <message>
      <source>  %1 %2 actions/s over %3 s of activity (asked for %4)</source>
      <translation>  %1 %2 actions/s over %3 s of activity (asked for %4)</translation>
    </message>
    <message>
      <source>rate</source>
      <translation>rate</translation>
    </message>
    <message>
      <source>  %1 %2: %3</source>
      <translation>  %1 %2: %3</translation>
    </message>
    <message>
      <source>sign-in failures</source>
      <translation>sign-in failures</translation>
    </message>
    <message>
      <source>could not come back</source>
      <translation>could not come back</translation>
    </message>
    <message>
      <source>no answer in time</source>
      <translation>no answer in time</translation>
    </message>
  </context>
  <context>
    <name>Hallway::StartDialog</name>
    <message>
      <source>Welcome to Hallway</source>
      <translation>Welcome to Hallway</translation>
    </message>
    <message>
      <source>Host on this computer</source>
      <translation>Host on this computer</translation>
    </message>
    <message>
      <source>Let other computers on this network join</source>
      <translation>Let other computers on this network join</translation>
    </message>
    <message>
      <source>&amp;Host a room</source>
      <translation>&amp;Host a room</translation>
    </message>
    <message>
      <source>&amp;Port:</source>
      <translation>&amp;Port:</translation>
    </message>
    <message>
      <source>Join a server</source>
      <translation>Join a server</translation>
    </message>
    <message>
      <source>ws://hallway.example.org:8470</source>
      <translation>ws://hallway.example.org:8470</translation>
    </message>
    <message>
      <source>&amp;Join</source>
      <translation>&amp;Join</translation>
    </message>
    <message>
      <source>Server &amp;address:</source>
      <translation>Server &amp;address:</translation>
    </message>
    <message>
      <source>Please enter a server address such as ws://hallway.example.org:8470.</source>
      <translation>Please enter a server address such as ws://hallway.example.org:8470.</translation>
    </message>
    <message>
      <source>&lt;b&gt;Meet the people around you.&lt;/b&gt;&lt;br&gt;Join the server of your event, or host a room for a small group on this computer.</source>
      <translation>&lt;b&gt;Meet the people around you.&lt;/b&gt;&lt;br&gt;Join the server of your event, or host a room for a small group on this computer.</translation>
    </message>
    <message>
      <source>Servers you joined before</source>
      <translation>Servers you joined before</translation>
    </message>
    <message>
      <source>Click a server to fill in its address; Enter or a double click joins it.</source>
      <translation>Click a server to fill in its address; Enter or a double click joins it.</translation>
    </message>
    <message>
      <source>&amp;Recent servers:</source>
      <translation>&amp;Recent servers:</translation>
    </message>
    <message>
      <source>&lt;b&gt;You are invited to a Hallway room.&lt;/b&gt;&lt;br&gt;Join it at %1, or host a room of your own on this computer.</source>
      <translation>&lt;b&gt;You are invited to a Hallway room.&lt;/b&gt;&lt;br&gt;Join it at %1, or host a room of your own on this computer.</translation>
    </message>
  </context>
  <context>
    <name>Hallway::TalkDelegate</name>
    <message>
      <source>by %1</source>
      <translation>by %1</translation>
    </message>
    <message>
      <source>by %1 - sending... (goes out when connected)</source>
      <translation>by %1 - sending... (goes out when connected)</translation>
    </message>
  </context>
  <context>
    <name>Hallway::TalkDialog</name>
    <message>
      <source>Propose a lightning talk</source>
      <translation>Propose a lightning talk</translation>
    </message>
    <message>
      <source>&amp;Propose</source>
      <translation>&amp;Propose</translation>
    </message>
    <message>
      <source>&amp;Title:</source>
      <translation>&amp;Title:</translation>
    </message>
    <message>
      <source>&amp;Abstract:</source>
      <translation>&amp;Abstract:</translation>
    </message>
    <message>
      <source>Edit your talk</source>
      <translation>Edit your talk</translation>
    </message>
    <message>
      <source>&amp;Save</source>
      <translation>&amp;Save</translation>
    </message>
    <message>
      <source>Title</source>
      <translation>Title</translation>
    </message>
    <message>
      <source>Abstract</source>
      <translation>Abstract</translation>
    </message>
    <message>
      <source>Propose the talk (Ctrl+Enter)</source>
      <translation>Propose the talk (Ctrl+Enter)</translation>
    </message>
    <message>
      <source>Save your talk (Ctrl+Enter)</source>
      <translation>Save your talk (Ctrl+Enter)</translation>
    </message>
    <message>
      <source>Abstract: %1/%2 characters. Ctrl+Enter sends.</source>
      <translation>Abstract: %1/%2 characters. Ctrl+Enter sends.</translation>
    </message>
  </context>
  <context>
    <name>Hallway::TalksPanel</name>
    <message>
      <source>Lightning talks by votes</source>
      <translation>Lightning talks by votes</translation>
    </message>
    <message>
      <source>Vote for the selected talk, or take your vote back (Space)</source>
      <translation>Vote for the selected talk, or take your vote back (Space)</translation>
    </message>
    <message>
      <source>&amp;Edit...</source>
      <translation>&amp;Edit...</translation>
    </message>
    <message>
      <source>E&amp;xport results...</source>
      <translation>E&amp;xport results...</translation>
    </message>
    <message>
      <source>Your vote was not counted: %1</source>
      <translation>Your vote was not counted: %1</translation>
    </message>
    <message>
      <source>Your talk was not proposed: %1</source>
      <translation>Your talk was not proposed: %1</translation>
    </message>
    <message>
      <source>Your talk was not changed: %1</source>
      <translation>Your talk was not changed: %1</translation>
    </message>
    <message>
      <source>Withdraw your talk</source>
      <translation>Withdraw your talk</translation>
    </message>
    <message>
      <source>Withdraw "%1"? Its votes are lost.</source>
      <translation>Withdraw "%1"? Its votes are lost.</translation>
    </message>
    <message>
      <source>Your talk was not withdrawn: %1</source>
      <translation>Your talk was not withdrawn: %1</translation>
    </message>
    <message>
      <source>Export results</source>
      <translation>Export results</translation>
    </message>
    <message>
      <source>talk-results.csv</source>
      <translation>talk-results.csv</translation>
    </message>
    <message>
      <source>CSV files (*.csv)</source>
      <translation>CSV files (*.csv)</translation>
    </message>
    <message>
      <source>The results could not be exported: %1</source>
      <translation>The results could not be exported: %1</translation>
    </message>
    <message>
      <source>Cannot write %1: %2</source>
      <translation>Cannot write %1: %2</translation>
    </message>
    <message>
      <source>Selected talk</source>
      <translation>Selected talk</translation>
    </message>
    <message>
      <source>V&amp;ote</source>
      <translation>V&amp;ote</translation>
    </message>
    <message>
      <source>Propo&amp;se a talk...</source>
      <translation>Propo&amp;se a talk...</translation>
    </message>
    <message>
      <source>W&amp;ithdraw</source>
      <translation>W&amp;ithdraw</translation>
    </message>
    <message>
      <source>Hide tal&amp;k</source>
      <translation>Hide tal&amp;k</translation>
    </message>
    <message>
      <source>No talks proposed yet, and voting is closed.</source>
      <translation>No talks proposed yet, and voting is closed.</translation>
    </message>
    <message>
      <source>Select a talk to read its abstract.</source>
      <translation>Select a talk to read its abstract.</translation>
    </message>
    <message>
      <source>The talk you select is shown here in full.</source>
      <translation>The talk you select is shown here in full.</translation>
    </message>
    <message>
      <source>The speaker wrote no abstract.</source>
      <translation>The speaker wrote no abstract.</translation>
    </message>
    <message numerus="yes">
      <source>%n vote(s), yours among them</source>
      <translation>
        <numerusform>%n vote, yours among them</numerusform>
        <numerusform>%n votes, yours among them</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n vote(s)</source>
      <translation>
        <numerusform>%n vote</numerusform>
        <numerusform>%n votes</numerusform>
      </translation>
    </message>
    <message>
      <source>by %1</source>
      <translation>by %1</translation>
    </message>
    <message>
      <source>&lt;b&gt;Voting is open.&lt;/b&gt; Vote for the talks you want to see; ✓ marks your votes.</source>
      <translation>&lt;b&gt;Voting is open.&lt;/b&gt; Vote for the talks you want to see; ✓ marks your votes.</translation>
    </message>
    <message>
      <source>&lt;b&gt;Voting is closed.&lt;/b&gt; ✓ marks your votes.</source>
      <translation>&lt;b&gt;Voting is closed.&lt;/b&gt; ✓ marks your votes.</translation>
    </message>
    <message>
      <source>Take back v&amp;ote</source>
      <translation>Take back v&amp;ote</translation>
    </message>
    <message>
      <source>Close votin&amp;g</source>
      <translation>Close votin&amp;g</translation>
    </message>
    <message>
      <source>Open votin&amp;g</source>
      <translation>Open votin&amp;g</translation>
    </message>
    <message>
      <source>No talks proposed yet. Propose one with "%1" (%2) below.</source>
      <translation>No talks proposed yet. Propose one with "%1" (%2) below.</translation>
    </message>
  </context>
  <context>
    <name>Hallway::WidgetCard</name>
    <message>
      <source>Move up</source>
      <translation>Move up</translation>
    </message>
    <message>
      <source>Move down</source>
      <translation>Move down</translation>
    </message>
    <message>
      <source>Change...</source>
      <translation>Change...</translation>
    </message>
    <message>
      <source>Remove from this hub</source>
      <translation>Remove from this hub</translation>
    </message>
  </context>
  <context>
    <name>Hallway::WidgetDialog</name>
    <message>
      <source>Change widget</source>
      <translation>Change widget</translation>
    </message>
    <message>
      <source>Add a widget</source>
      <translation>Add a widget</translation>
    </message>
    <message>
      <source>&amp;Whose facts:</source>
      <translation>&amp;Whose facts:</translation>
    </message>
    <message>
      <source>&amp;Save</source>
      <translation>&amp;Save</translation>
    </message>
    <message>
      <source>&amp;Add</source>
      <translation>&amp;Add</translation>
    </message>
    <message>
      <source>&amp;Kind:</source>
      <translation>&amp;Kind:</translation>
    </message>
    <message>
      <source>User %1</source>
      <translation>User %1</translation>
    </message>
    <message>
      <source>Show at &amp;most:</source>
      <translation>Show at &amp;most:</translation>
    </message>
  </context>
  <context>
    <name>Hallway::WidgetView</name>
    <message>
      <source>Loading...</source>
      <translation>Loading...</translation>
    </message>
    <message numerus="yes">
      <source>%n online</source>
      <translation>
        <numerusform>%n online</numerusform>
        <numerusform>%n online</numerusform>
      </translation>
    </message>
    <message>
      <source> (away)</source>
      <translation> (away)</translation>
    </message>
    <message>
      <source>Nobody is here yet.</source>
      <translation>Nobody is here yet.</translation>
    </message>
    <message>
      <source>Facts by %1</source>
      <translation>Facts by %1</translation>
    </message>
    <message>
      <source>No facts yet.</source>
      <translation>No facts yet.</translation>
    </message>
    <message>
      <source>Voting is open</source>
      <translation>Voting is open</translation>
    </message>
    <message>
      <source>Voting is closed</source>
      <translation>Voting is closed</translation>
    </message>
    <message numerus="yes">
      <source>%1. &lt;b&gt;%2&lt;/b&gt; by %3, %n vote(s)</source>
      <translation>
        <numerusform>%1. &lt;b&gt;%2&lt;/b&gt; by %3, %n vote</numerusform>
        <numerusform>%1. &lt;b&gt;%2&lt;/b&gt; by %3, %n votes</numerusform>
      </translation>
    </message>
    <message>
      <source>No talks proposed yet.</source>
      <translation>No talks proposed yet.</translation>
    </message>
    <message>
      <source>No announcements.</source>
      <translation>No announcements.</translation>
    </message>
    <message>
      <source>Facts</source>
      <translation>Facts</translation>
    </message>
    <message>
      <source>Messages</source>
      <translation>Messages</translation>
    </message>
    <message>
      <source>Votes</source>
      <translation>Votes</translation>
    </message>
    <message>
      <source>&lt;b&gt;Posts per minute&lt;/b&gt;, last hour</source>
      <translation>&lt;b&gt;Posts per minute&lt;/b&gt;, last hour</translation>
    </message>
    <message>
      <source>an hour ago</source>
      <translation>an hour ago</translation>
    </message>
    <message>
      <source>now</source>
      <translation>now</translation>
    </message>
    <message>
      <source>&lt;b&gt;Top cities&lt;/b&gt; by posts</source>
      <translation>&lt;b&gt;Top cities&lt;/b&gt; by posts</translation>
    </message>
    <message>
      <source>No posts from any city yet.</source>
      <translation>No posts from any city yet.</translation>
    </message>
    <message>
      <source>&lt;b&gt;Top regions&lt;/b&gt; by posts</source>
      <translation>&lt;b&gt;Top regions&lt;/b&gt; by posts</translation>
    </message>
    <message>
      <source>No posts from any region yet.</source>
      <translation>No posts from any region yet.</translation>
    </message>
    <message>
      <source>Here now</source>
      <translation>Here now</translation>
    </message>
    <message>
      <source>People connected now, online or away</source>
      <translation>People connected now, online or away</translation>
    </message>
    <message>
      <source>Accounts</source>
      <translation>Accounts</translation>
    </message>
    <message>
      <source>Everyone who ever signed up, here or not</source>
      <translation>Everyone who ever signed up, here or not</translation>
    </message>
    <message>
      <source>Facts posted and not hidden</source>
      <translation>Facts posted and not hidden</translation>
    </message>
    <message>
      <source>Chat messages sent</source>
      <translation>Chat messages sent</translation>
    </message>
    <message>
      <source>Votes standing on the talks now</source>
      <translation>Votes standing on the talks now</translation>
    </message>
    <message>
      <source>No activity yet. Posts will show here.</source>
      <translation>No activity yet. Posts will show here.</translation>
    </message>
    <message>
      <source>Counted at %1</source>
      <translation>Counted at %1</translation>
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
      <translation>This is not a Hallway invite link: it should look like hallway://hallway.example.org:8470.</translation>
    </message>
    <message>
      <source>The invite link names no server.</source>
      <translation>The invite link names no server.</translation>
    </message>
    <message>
      <source>The invite link has more in it than a server address and port.</source>
      <translation>The invite link has more in it than a server address and port.</translation>
    </message>
  </context>
  <context>
    <name>main</name>
    <message>
      <source>Hallway: meet the people at your conference.</source>
      <translation>Hallway: meet the people at your conference.</translation>
    </message>
    <message>
      <source>Use this language (e.g. de or en) instead of the system's.</source>
      <translation>Use this language (e.g. de or en) instead of the system's.</translation>
    </message>
    <message>
      <source>An invite link (hallway://host:port or hallways://host:port): asks to join the server it names.</source>
      <translation>An invite link (hallway://host:port or hallways://host:port): asks to join the server it names.</translation>
    </message>
    <message>
      <source>Give at most one invite link.</source>
      <translation>Give at most one invite link.</translation>
    </message>
  </context>
</TS>
