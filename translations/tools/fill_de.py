#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Fills translations/hallway_de.ts from the table below after `cmake --build build --target
# hallway_lupdate` has added new source texts. Messages with no entry stay unfinished, and
# the script lists them, so a missing translation is never silent.
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

GERMAN = {
    "Change password": "Passwort ändern",
    "&Change password": "Passwort ä&ndern",
    "C&urrent password:": "&Aktuelles Passwort:",
    "&New password:": "&Neues Passwort:",
    "&Repeat new password:": "Neues Passwort &wiederholen:",
    "Your other devices will be signed out.": "Deine anderen Geräte werden abgemeldet.",
    "A password needs at least %1 characters.": "Ein Passwort braucht mindestens %1 Zeichen.",
    "The two new passwords differ.": "Die beiden neuen Passwörter stimmen nicht überein.",
    "The current password is wrong.": "Das aktuelle Passwort ist falsch.",
    "The password was not changed: %1": "Das Passwort wurde nicht geändert: %1",
    "No saved sign-in.": "Keine gespeicherte Anmeldung.",
    "Cannot host a room": "Raum kann nicht bereitgestellt werden",
    "Hallway could not start a room on this computer:\n%1": "Hallway konnte auf diesem Computer keinen Raum starten:\n%1",
    "Cannot reach %1: %2": "%1 ist nicht erreichbar: %2",
    "Hallway": "Hallway",
    "People online": "Anwesende Personen",
    "Who's online": "Wer ist da",
    "&Hallway": "&Hallway",
    "Appear &away": "&Abwesend erscheinen",
    "Ctrl+Shift+A": "Ctrl+Shift+A",
    "&Change password...": "Passwort ä&ndern …",
    "Password changed.": "Passwort geändert.",
    "Connect to another &server...": "Mit anderem &Server verbinden …",
    "Sign &out": "Ab&melden",
    "&Quit": "&Beenden",
    "&Help": "&Hilfe",
    "&About Hallway": "Ü&ber Hallway",
    "About Hallway": "Über Hallway",
    "<b>Hallway %1</b><p>See who is around at your conference, share facts about yourself, chat, and vote on lightning talks.</p>":
        "<b>Hallway %1</b><p>Sieh, wer auf deiner Konferenz unterwegs ist, teile Fakten über dich, chatte und stimme über Lightning Talks ab.</p>",
    "About &Qt": "Über &Qt",
    "Hallway cannot use this computer's keychain, so it cannot remember your sign-in. You stay signed in until you quit, and will be asked for your password next time. (%1)":
        "Hallway kann den Schlüsselbund dieses Computers nicht nutzen und sich deine Anmeldung daher nicht merken. Du bleibst angemeldet, bis du Hallway beendest, und wirst beim nächsten Mal nach deinem Passwort gefragt. (%1)",
    "Hosting a room at %1": "Raum wird bereitgestellt unter %1",
    "%n online": ["%n anwesend", "%n anwesend"],
    "<h2>Welcome, %1</h2><p>You are in the hallway of %2.</p><p>Everyone who is here right now is listed on the left.</p>":
        "<h2>Willkommen, %1</h2><p>Du bist im Flur von %2.</p><p>Alle, die gerade da sind, stehen links in der Liste.</p>",
    "Hallway - %1": "Hallway – %1",
    "Signed out": "Abgemeldet",
    "Connecting to %1...": "Verbinde mit %1 …",
    "Online as %1 at %2": "Angemeldet als %1 bei %2",
    "Connection lost. Reconnecting in %n second(s)...": [
        "Verbindung verloren. Neuer Versuch in %n Sekunde …",
        "Verbindung verloren. Neuer Versuch in %n Sekunden …"],
    "Reconnecting to %1...": "Verbinde erneut mit %1 …",
    "%1 (you)": "%1 (du)",
    "away": "abwesend",
    "online": "anwesend",
    "@%1 (%2)": "@%1 (%2)",
    "@%1 (%2), %3": "@%1 (%2), %3",
    "The connection was closed.": "Die Verbindung wurde geschlossen.",
    "Not connected to the server.": "Nicht mit dem Server verbunden.",
    "The server did not answer in time.": "Der Server hat nicht rechtzeitig geantwortet.",
    "The connection was lost.": "Die Verbindung ist abgebrochen.",
    "Sign in to Hallway": "Bei Hallway anmelden",
    "ws://hallway.example.org:8470": "ws://hallway.example.org:8470",
    "I am new here: &create an account": "Ich bin neu hier: &Konto anlegen",
    "How others see you": "So sehen dich die anderen",
    "Optional": "Optional",
    "&Display name:": "&Anzeigename:",
    "C&ity:": "S&tadt:",
    "Re&gion:": "Re&gion:",
    "&Remember me on this computer": "Auf diesem Computer &angemeldet bleiben",
    "&Sign in": "&Anmelden",
    "&Server:": "&Server:",
    "&Username:": "&Benutzername:",
    "&Password:": "&Passwort:",
    "&Create account": "&Konto anlegen",
    "Create a Hallway account": "Hallway-Konto anlegen",
    "Enter the server address, for example ws://hallway.example.org:8470.": "Gib die Serveradresse ein, zum Beispiel ws://hallway.example.org:8470.",
    "Enter your username.": "Gib deinen Benutzernamen ein.",
    "Enter your password.": "Gib dein Passwort ein.",
    "A username has %1 to %2 characters: letters a-z, digits, '.', '_' or '-'.": "Ein Benutzername hat %1 bis %2 Zeichen: Buchstaben a–z, Ziffern, '.', '_' oder '-'.",
    "Enter the name others will see.": "Gib den Namen ein, den die anderen sehen.",
    "Wrong username or password.": "Benutzername oder Passwort ist falsch.",
    "That username is taken. Please choose another.": "Dieser Benutzername ist vergeben. Bitte wähle einen anderen.",
    "Cannot reach the server. Check the address and your network.\n(%1)": "Der Server ist nicht erreichbar. Prüfe die Adresse und dein Netzwerk.\n(%1)",
    "The server refused: %1": "Der Server hat abgelehnt: %1",
    "Welcome to Hallway": "Willkommen bei Hallway",
    "<b>Meet the people around you.</b><br>Host a room for a small group on this computer, or join the server of your event.":
        "<b>Triff die Menschen um dich herum.</b><br>Stelle auf diesem Computer einen Raum für eine kleine Gruppe bereit oder tritt dem Server deiner Veranstaltung bei.",
    "Host on this computer": "Auf diesem Computer bereitstellen",
    "Let other computers on this network join": "Andere Computer in diesem Netzwerk beitreten lassen",
    "&Host a room": "Raum &bereitstellen",
    "&Port:": "&Port:",
    "Join a server": "Einem Server beitreten",
    "&Join": "&Beitreten",
    "Server &address:": "Server&adresse:",
    "Please enter a server address such as ws://hallway.example.org:8470.": "Bitte gib eine Serveradresse ein, etwa ws://hallway.example.org:8470.",
    "Hallway: meet the people at your conference.": "Hallway: Triff die Menschen auf deiner Konferenz.",
    "Use this language (e.g. de or en) instead of the system's.": "Diese Sprache (z. B. de oder en) statt der des Systems verwenden.",
    "Share a fact about yourself, e.g. \"I give talks about Qt\"": "Teile einen Fakt über dich, z. B. \"Ich halte Vorträge über Qt\"",
    "New fact": "Neuer Fakt",
    "&Post": "&Teilen",
    "Your fact was not posted: %1": "Dein Fakt wurde nicht geteilt: %1",
    "%1/%2": "%1/%2",
    "A fact has at most %1 characters.": "Ein Fakt hat höchstens %1 Zeichen.",
    "%1 (@%2), %3": "%1 (@%2), %3",
    "<b>Latest from everyone</b>": "<b>Neues von allen</b>",
    "Latest facts from everyone": "Die neuesten Fakten von allen",
    "<h3>Welcome, %1</h3>Everyone who is here right now is listed on the left; click a name to see what they shared.":
        "<h3>Willkommen, %1</h3>Alle, die gerade da sind, stehen links; klicke auf einen Namen, um zu sehen, was die Person geteilt hat.",
    "Close": "Schließen",
    "Close the profile (Esc)": "Profil schließen (Esc)",
    "No facts yet.": "Noch keine Fakten.",
    "Facts of this person": "Fakten dieser Person",
    "Could not load this profile: %1": "Dieses Profil konnte nicht geladen werden: %1",
    "moderator": "Moderation",
    "Not here right now": "Gerade nicht da",
    "Here, but away": "Da, aber abwesend",
    "Here now": "Jetzt da",
    "&Feed": "&Neuigkeiten",
    "Lightning &talks": "Lightning &Talks",
    "by %1": "von %1",
    "Propose a lightning talk": "Lightning Talk vorschlagen",
    "&Propose": "&Vorschlagen",
    "&Title:": "&Titel:",
    "&Abstract:": "&Zusammenfassung:",
    "Edit your talk": "Deinen Talk bearbeiten",
    "&Save": "&Speichern",
    "Abstract: %1/%2 characters": "Zusammenfassung: %1/%2 Zeichen",
    "Lightning talks by votes": "Lightning Talks nach Stimmen",
    "&Vote": "&Abstimmen",
    "Vote for the selected talk, or take your vote back (Space)": "Für den ausgewählten Talk stimmen oder die Stimme zurücknehmen (Leertaste)",
    "P&ropose a talk...": "Talk vo&rschlagen …",
    "&Edit...": "&Bearbeiten …",
    "&Withdraw": "&Zurückziehen",
    "&Hide talk": "Talk aus&blenden",
    "E&xport results...": "Ergebnisse e&xportieren …",
    "Moderator:": "Moderation:",
    "Your vote was not counted: %1": "Deine Stimme wurde nicht gezählt: %1",
    "<b>Voting is open.</b> Vote for the talks you want to see.": "<b>Die Abstimmung läuft.</b> Stimme für die Talks, die du sehen willst.",
    "<b>Voting is closed.</b>": "<b>Die Abstimmung ist beendet.</b>",
    "Take back &vote": "Stimme &zurücknehmen",
    "&Close voting": "Abstimmung &beenden",
    "&Open voting": "Abstimmung &öffnen",
    "Your talk was not changed: %1": "Dein Talk wurde nicht geändert: %1",
    "Withdraw your talk": "Deinen Talk zurückziehen",
    "Withdraw \"%1\"? Its votes are lost.": "„%1“ zurückziehen? Seine Stimmen gehen verloren.",
    "Your talk was not withdrawn: %1": "Dein Talk wurde nicht zurückgezogen: %1",
    "Export results": "Ergebnisse exportieren",
    "talk-results.csv": "talk-ergebnisse.csv",
    "CSV files (*.csv)": "CSV-Dateien (*.csv)",
    "The results could not be exported: %1": "Die Ergebnisse konnten nicht exportiert werden: %1",
    "Cannot write %1: %2": "%1 kann nicht geschrieben werden: %2",
    "Sending...": "Wird gesendet …",
    "Sent %1": "Gesendet %1",
    "Delivered, sent %1": "Zugestellt, gesendet %1",
    "Conversations": "Unterhaltungen",
    "Pick a conversation, or open someone's profile and send them a message.": "Wähle eine Unterhaltung oder öffne ein Profil und schreib der Person eine Nachricht.",
    "Write a message and press Enter": "Nachricht schreiben und Enter drücken",
    "<b>%1</b>": "<b>%1</b>",
    "%1 (%2)": "%1 (%2)",
    "&Chat": "&Chat",
    "&Chat (%1)": "&Chat (%1)",
    "Message from %1": "Nachricht von %1",
    "Desktop &notifications": "Desktop-&Benachrichtigungen",
    "Send a &message": "&Nachricht senden",
    "%1 (%2 unread)": "%1 (%2 ungelesen)",
    "%1 \u00b7 %2": "%1 \u00b7 %2",
    "View &profile": "&Profil ansehen",
}


def main() -> int:
    path = Path(__file__).resolve().parent.parent / "hallway_de.ts"
    tree = ET.parse(path)
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.find("source").text
        translation = message.find("translation")
        german = GERMAN.get(source)
        if german is None:
            missing.append(source)
            translation.set("type", "unfinished")
            continue
        translation.attrib.pop("type", None)
        for child in list(translation):
            translation.remove(child)
        if message.get("numerus") == "yes":
            translation.text = None
            for form in german:
                ET.SubElement(translation, "numerusform").text = form
        else:
            translation.text = german
    ET.indent(tree)
    with open(path, "wb") as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding="utf-8", xml_declaration=False)
        out.write(b"\n")
    for source in missing:
        print(f"untranslated: {source!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
