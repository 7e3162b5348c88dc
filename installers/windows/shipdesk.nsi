; NSIS installer for the PyInstaller folder dist\ShipDesk: a per-user install (no admin rights)
; into %LOCALAPPDATA%\Programs\ShipDesk, a Start-menu entry, "Open with ShipDesk" for
; declaration files, an entry in Apps & features, and an uninstaller that asks whether to keep
; the user's data (%LOCALAPPDATA%\ShipDesk: drafts, settings, address book, backups, logs).
;
; Build (from the repository root, after the PyInstaller build):
;   makensis /DVERSION=0.1.0 installers\windows\shipdesk.nsi
; Options: /DSRC=<folder of ShipDesk.exe> (default dist\ShipDesk), /DOUTFILE=<setup.exe>,
; /DICON=<.ico> (default build\icons\shipdesk.ico, made by `python installers\icons.py build\icons`).
; makensis also runs on Linux (Debian's nsis package); the installer tests compile it there.
;
; Windows picks a program by the last extension only (.json), so ShipDesk adds itself to the
; "Open with" list of .json files instead of taking every JSON file over.

Unicode true
!include "MUI2.nsh"
!include "LogicLib.nsh"

!define APPNAME "ShipDesk"
!define PROGID "ShipDesk.Declaration"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPNAME}"
!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef SRC
  !define SRC "..\..\dist\ShipDesk"
!endif
!ifndef ICON
  !define ICON "..\..\build\icons\shipdesk.ico"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\..\dist\ShipDesk-${VERSION}-setup.exe"
!endif

Name "${APPNAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APPNAME}"
InstallDirRegKey HKCU "Software\${APPNAME}" "InstallDir"
RequestExecutionLevel user
SetCompressor /SOLID lzma

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_FINISHPAGE_RUN "$INSTDIR\ShipDesk.exe"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "German"
!insertmacro MUI_LANGUAGE "French"
!insertmacro MUI_LANGUAGE "Spanish"

LangString KeepData ${LANG_ENGLISH} "Keep your ShipDesk data (drafts, settings, address book, backups) in $LOCALAPPDATA\${APPNAME}?$\r$\n$\r$\nChoose No to delete it for good."
LangString KeepData ${LANG_GERMAN} "Ihre ShipDesk-Daten (Entwürfe, Einstellungen, Adressbuch, Sicherungen) in $LOCALAPPDATA\${APPNAME} behalten?$\r$\n$\r$\nMit Nein werden sie endgültig gelöscht."
LangString KeepData ${LANG_FRENCH} "Conserver vos données ShipDesk (brouillons, réglages, carnet d'adresses, sauvegardes) dans $LOCALAPPDATA\${APPNAME} ?$\r$\n$\r$\nChoisissez Non pour les supprimer définitivement."
LangString KeepData ${LANG_SPANISH} "¿Conservar sus datos de ShipDesk (borradores, ajustes, libreta de direcciones, copias de seguridad) en $LOCALAPPDATA\${APPNAME}?$\r$\n$\r$\nElija No para borrarlos definitivamente."
LangString DeclarationType ${LANG_ENGLISH} "ShipDesk declaration"
LangString DeclarationType ${LANG_GERMAN} "ShipDesk-Zollinhaltserklärung"
LangString DeclarationType ${LANG_FRENCH} "Déclaration en douane ShipDesk"
LangString DeclarationType ${LANG_SPANISH} "Declaración de aduana de ShipDesk"

Function .onInit
  SetShellVarContext current
FunctionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd

Section "Install"
  SetOutPath "$INSTDIR"
  File /r "${SRC}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortCut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\ShipDesk.exe"

  ; "Open with ShipDesk" for declaration files (*.shipdesk.json)
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "$(DeclarationType)"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\ShipDesk.exe,0"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\ShipDesk.exe" "%1"'
  WriteRegStr HKCU "Software\Classes\.json\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKCU "Software\Classes\Applications\ShipDesk.exe\SupportedTypes" ".json" ""
  WriteRegStr HKCU "Software\Classes\Applications\ShipDesk.exe\shell\open\command" "" '"$INSTDIR\ShipDesk.exe" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  WriteRegStr HKCU "Software\${APPNAME}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "ShipDesk developers"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\ShipDesk.exe"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  DeleteRegValue HKCU "Software\Classes\.json\OpenWithProgids" "${PROGID}"
  DeleteRegKey HKCU "Software\Classes\Applications\ShipDesk.exe"
  DeleteRegKey HKCU "${UNINSTKEY}"
  DeleteRegKey HKCU "Software\${APPNAME}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; The program files only: a portable data folder (ShipDeskData) beside them is user data.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\ShipDesk.exe"
  Delete "$INSTDIR\shipdesk-cli.exe"
  Delete "$INSTDIR\uninstall.exe"

  ; Silent uninstall (/S) keeps the data: only a person's explicit No deletes it.
  MessageBox MB_YESNO|MB_ICONQUESTION "$(KeepData)" /SD IDYES IDYES keep
    RMDir /r "$LOCALAPPDATA\${APPNAME}"
    RMDir /r "$INSTDIR\ShipDeskData"
    Delete "$INSTDIR\portable.txt"
  keep:
  RMDir "$INSTDIR"
SectionEnd
