; NSIS installer for the PyInstaller folder dist\ShipDesk (per-user install, no admin rights).
; Build: makensis installers\windows\shipdesk.nsi
Unicode true
!define APPNAME "ShipDesk"
Name "${APPNAME}"
OutFile "..\..\dist\ShipDesk-setup.exe"
InstallDir "$LOCALAPPDATA\Programs\${APPNAME}"
RequestExecutionLevel user
Page directory
Page instfiles
Section "Install"
  SetOutPath "$INSTDIR"
  File /r "..\..\dist\ShipDesk\*.*"
  CreateShortCut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\ShipDesk.exe"
  WriteUninstaller "$INSTDIR\uninstall.exe"
SectionEnd
Section "Uninstall"
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  RMDir /r "$INSTDIR"
SectionEnd
