import "./linli-operator-app.js";
